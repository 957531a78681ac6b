// The labelled corpus: hand-written postings in corpus/*.jsonl with gold roles and skills.
// Gold conventions (see corpus/README.md): `skills` lists every taxonomy skill the text asks
// for or uses, not negated; `negated` the ones it explicitly rules out; `preferred` the subset
// of `skills` that is only a plus; `roles` is [] for postings that are not software roles.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const goldSchema = z.object({
  id: z.string(),
  title: z.string(),
  company: z.string().optional(),
  roles: z.array(z.string()),
  skills: z.array(z.string()),
  negated: z.array(z.string()),
  preferred: z.array(z.string()),
  text: z.string().min(1),
});

/** One labelled posting. `group` is the corpus file it came from (e.g. "non-software"). */
export type GoldPosting = z.infer<typeof goldSchema> & { group: string };

export const CORPUS_DIR = fileURLToPath(new URL('./corpus/', import.meta.url));

/** Reads every corpus/*.jsonl file; throws naming the file and line of a malformed entry. */
export function readCorpus(dir = CORPUS_DIR): GoldPosting[] {
  const out: GoldPosting[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    const group = file.replace(/\.jsonl$/, '');
    readFileSync(`${dir}/${file}`, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (!line.trim()) return;
        const parsed = goldSchema.safeParse(JSON.parse(line));
        if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
        out.push({ ...parsed.data, group });
      });
  }
  return out;
}

/** Whether a gold posting is a software role (has gold roles) or a non-software job. */
export function isNonSoftware(p: GoldPosting): boolean {
  return p.group === 'non-software' || (p.roles.length === 0 && !isTechWithoutRole(p));
}

// Tech postings outside the five role families (firmware, storage engines) have no gold role
// either, but they are not "non-software"; they live in tech-other / tricky with tech skills.
function isTechWithoutRole(p: GoldPosting): boolean {
  return p.roles.length === 0 && (p.group === 'tech-other' || p.skills.some((s) => ['c', 'cpp', 'rust', 'embedded'].includes(s)));
}
