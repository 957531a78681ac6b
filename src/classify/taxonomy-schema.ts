// Validates taxonomy data (the shipped JSON files, user edits, rows read back from Postgres)
// so a bad file fails with a message naming the field instead of tagging nonsense.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { TaggerTaxonomy } from './taxonomy-types.ts';

// Bounds a person would never reach, so that a pasted blob is refused naming its field rather
// than failing in an index (Postgres refuses index entries over ~2.7 KB).
const id = z.string().max(100).regex(/^[a-z0-9][a-z0-9.+#-]*$/, 'lowercase id: letters, digits, - . + #');
const phrase = z.string().min(1).max(200);
const phrases = z.array(phrase);
const name = z.string().min(1).max(200);

const ruleSchema = z.object({ cues: phrases, blockNext: phrases, blockPrev: phrases, near: phrases.optional() });

const skillSchema = z.object({
  id,
  name,
  category: z.string().min(1).max(100),
  aliases: phrases,
  contextAliases: phrases.optional(),
  rule: z.string().optional(),
  exactAliases: phrases.optional(),
  roles: z.record(z.string(), z.number()).optional(),
  implies: z.array(id).optional(),
});

const roleSchema = z.object({
  id,
  name,
  description: z.string().max(2000),
  titles: phrases.optional(),
  cues: phrases.optional(),
});

const industrySchema = z.object({ id, name, strong: phrases, cues: phrases });

const contentSchema = z.object({
  roles: z.array(roleSchema),
  skills: z.array(skillSchema),
  contextRules: z.record(z.string(), ruleSchema).optional(),
  genericSoftwareTitles: phrases.optional(),
  nonSoftwareTitles: phrases.optional(),
  industries: z.array(industrySchema).optional(),
});

/** A taxonomy without its version: what the version hash is computed over. */
export type TaxonomyContent = Omit<TaggerTaxonomy, 'version'>;

/** Validates taxonomy content, throwing one error that names every bad field. */
export function parseTaxonomyContent(data: unknown): TaxonomyContent {
  const result = contentSchema.safeParse(data);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid taxonomy: ${issues.slice(0, 10).join('; ')}`);
  }
  const content = result.data as TaxonomyContent;
  assertUniqueIds(content);
  return content;
}

function assertUniqueIds(content: TaxonomyContent): void {
  for (const [what, list] of [['skill', content.skills], ['role', content.roles]] as const) {
    const seen = new Set<string>();
    for (const item of list) {
      if (seen.has(item.id)) throw new Error(`invalid taxonomy: duplicate ${what} id "${item.id}"`);
      seen.add(item.id);
    }
  }
}

/** Content hash of a taxonomy (first 16 hex chars of sha256 over canonical JSON). */
export function taxonomyVersion(content: TaxonomyContent): string {
  const canonical = JSON.stringify(sortKeys({ ...content, version: undefined }));
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

/** Adds the content hash, giving a complete taxonomy. */
export function withVersion(content: TaxonomyContent): TaggerTaxonomy {
  return { ...content, version: taxonomyVersion(content) };
}

// Key order must not change the hash: rows read back from Postgres come in another order.
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}
