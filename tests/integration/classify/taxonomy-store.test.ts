import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyPosting, loadDefaultTaxonomy, loadTaxonomy, saveTaxonomy } from '../../../src/classify/index.ts';
import type { TaggerTaxonomy } from '../../../src/classify/index.ts';
import type { ParsedPosting } from '../../../src/types.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/services.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

const shipped = loadDefaultTaxonomy();
const versions = async () => (await db.sql`select count(*)::int as n from taxonomy_versions`)[0]?.n as number;

function posting(description: string): ParsedPosting {
  return {
    url: null, title: 'Backend Engineer', company: null, description, sections: [], location: null, locations: [], workplace: null,
    employmentType: null, datePosted: null, validThrough: null, salary: null, structuredData: { source: 'text', issues: [] },
  };
}

describe('saveTaxonomy / loadTaxonomy', () => {
  it('round-trips the shipped taxonomy exactly, extras included', async () => {
    await saveTaxonomy(db.sql, shipped);
    const loaded = await loadTaxonomy(db.sql);
    expect(loaded.version).toBe(shipped.version);
    expect(loaded).toEqual(shipped);
  });

  it('is idempotent: saving the same taxonomy again adds no version', async () => {
    const before = await versions();
    await saveTaxonomy(db.sql, shipped);
    await saveTaxonomy(db.sql, shipped);
    expect(await versions()).toBe(before);
  });

  it('stores an edit (new alias, removed skill, renamed role) as a new current version that tags the same as in memory', async () => {
    const edited: TaggerTaxonomy = {
      ...shipped,
      roles: shipped.roles.map((r) => (r.id === 'api-integration' ? { ...r, name: 'APIs & Integrations' } : r)),
      skills: shipped.skills
        .filter((s) => s.id !== 'mongodb')
        .map((s) => (s.id === 'postgresql' ? { ...s, aliases: [...s.aliases, 'Elephant DB'] } : s)),
    };
    const before = await versions();
    await saveTaxonomy(db.sql, edited);
    const loaded = await loadTaxonomy(db.sql);
    expect(await versions()).toBe(before + 1);
    expect(loaded.version).not.toBe(shipped.version);
    expect(loaded.skills.find((s) => s.id === 'mongodb')).toBeUndefined();
    expect(loaded.roles.find((r) => r.id === 'api-integration')?.name).toBe('APIs & Integrations');
    const text = 'We use Elephant DB and MongoDB. No Django experience needed. Go and Rust are a plus.';
    const fromDb = classifyPosting(posting(text), loaded);
    const inMemory = classifyPosting(posting(text), { ...edited, version: loaded.version });
    expect(fromDb).toEqual(inMemory);
    expect(fromDb.skills.map((s) => s.skill)).toContain('postgresql');
  });

  it('going back to an earlier taxonomy reactivates its version row', async () => {
    const before = await versions();
    await saveTaxonomy(db.sql, shipped);
    expect(await versions()).toBe(before);
    expect((await loadTaxonomy(db.sql)).version).toBe(shipped.version);
  });

  it('rewrites rows that no longer hash to the stored version, instead of trusting the version', async () => {
    await db.sql`update taxonomy_versions set extras = '{}'::jsonb where version = ${shipped.version}`;
    await db.sql`delete from taxonomy_aliases where skill_id = 'python'`;
    await saveTaxonomy(db.sql, shipped);
    expect(await loadTaxonomy(db.sql)).toEqual(shipped);
  });

  it('loads an empty taxonomy (version "") from an empty store', async () => {
    await db.sql`truncate taxonomy_versions, taxonomy_roles, taxonomy_skills, taxonomy_aliases`;
    expect(await loadTaxonomy(db.sql)).toEqual({ version: '', roles: [], skills: [] });
  });
});
