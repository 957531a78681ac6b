import { describe, expect, it } from 'vitest';
import { loadDefaultTaxonomy, parseTaxonomyContent, taxonomyVersion, withVersion } from '../../../src/classify/index.ts';
import { tokenize } from '../../../src/classify/tokenize.ts';

const SEED: Record<string, string[]> = {
  'web-frameworks': ['django', 'flask', 'fastapi', 'django-rest-framework'],
  'data-ml': ['pandas', 'numpy', 'scikit-learn', 'tensorflow', 'pytorch', 'keras', 'hugging-face-transformers', 'jupyter'],
  databases: ['postgresql', 'mysql', 'mongodb'],
  'devops-automation': ['docker', 'github-actions', 'jenkins'],
  'version-control': ['git'],
  'cloud-platforms': ['aws', 'gcp', 'azure'],
  testing: ['pytest', 'unittest'],
  languages: ['python'],
  tools: ['vs-code', 'pycharm'],
};

describe('default taxonomy', () => {
  const taxonomy = loadDefaultTaxonomy();

  it('has the five seed roles and every seed skill with its seed category', () => {
    expect(taxonomy.roles.map((r) => r.id)).toEqual(['full-stack', 'data-science-ml', 'automation-devops', 'security-scalability', 'api-integration']);
    const byId = new Map(taxonomy.skills.map((s) => [s.id, s]));
    for (const [category, ids] of Object.entries(SEED)) for (const id of ids) expect(byId.get(id)?.category, id).toBe(category);
  });

  it('covers hundreds of skills, each with at least one alias, and the aliases people write', () => {
    expect(taxonomy.skills.length).toBeGreaterThanOrEqual(300);
    for (const s of taxonomy.skills) expect(s.aliases.length + (s.contextAliases?.length ?? 0) + (s.exactAliases?.length ?? 0), s.id).toBeGreaterThan(0);
    const aliases = (id: string) => taxonomy.skills.find((s) => s.id === id)?.aliases.map((a) => a.toLowerCase()) ?? [];
    expect(aliases('scikit-learn')).toContain('sklearn');
    expect(aliases('postgresql')).toContain('postgres');
    expect(aliases('gcp')).toContain('google cloud');
  });

  it('is cached, and its version is a content hash that ignores key order', () => {
    expect(loadDefaultTaxonomy()).toBe(taxonomy);
    expect(taxonomy.version).toMatch(/^[0-9a-f]{16}$/);
    const { version: _v, ...content } = taxonomy;
    const reordered = reverseKeys(content) as typeof content;
    expect(taxonomyVersion(reordered)).toBe(taxonomy.version);
    const changed = { ...content, skills: content.skills.slice(1) };
    expect(withVersion(changed).version).not.toBe(taxonomy.version);
  });

  it('rejects malformed taxonomies with a message naming the field', () => {
    expect(() => parseTaxonomyContent({ roles: [], skills: [{ id: 'Bad Id', name: 'x', category: 'y', aliases: [] }] })).toThrow(/skills\.0\.id/);
    const dup = { id: 'a', name: 'A', category: 'c', aliases: ['A'] };
    expect(() => parseTaxonomyContent({ roles: [], skills: [dup, dup] })).toThrow(/duplicate skill id "a"/);
    // A pasted blob is refused naming its field (it would overflow an index in Postgres).
    expect(() => parseTaxonomyContent({ roles: [], skills: [{ ...dup, aliases: ['x'.repeat(24_000)] }] })).toThrow(/skills\.0\.aliases\.0/);
    expect(() => parseTaxonomyContent({ roles: [{ id: 'r', name: 'R', description: 'd'.repeat(2001) }], skills: [] })).toThrow(/roles\.0\.description/);
  });
});

describe('tokenize', () => {
  it('keeps offsets and the symbols of C++, C#, .NET', () => {
    const text = 'Use C++, C# and .NET with Node.js and CI/CD.';
    const t = tokenize(text);
    expect(t.lower).toEqual(['use', 'c++', 'c#', 'and', '.net', 'with', 'node', 'js', 'and', 'ci', 'cd']);
    t.lower.forEach((w, i) => expect(text.slice(t.start[i], t.end[i]).toLowerCase()).toBe(w));
  });

  it('handles non-ASCII letters', () => {
    expect(tokenize('Müller & Søn: Ångström').lower).toEqual(['müller', 'søn', 'ångström']);
  });
});

// The same value with every object's keys in reverse order.
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]));
  return value;
}
