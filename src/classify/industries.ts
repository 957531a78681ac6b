// Industries from phrases in the title, company and description: one strong phrase ("fintech",
// "hospital") names an industry; otherwise three distinct cue phrases are needed.
import { buildPhraseIndex, findPhrases, type PhraseIndex } from './phrase-index.ts';
import type { TaggerTaxonomy } from './taxonomy-types.ts';

const MIN_CUES = 3;
const MAX_INDUSTRIES = 3;
const indexes = new WeakMap<TaggerTaxonomy, PhraseIndex<{ id: string; strong: boolean }>>();

/** Industry ids the text points to, strongest first. */
export function detectIndustries(stems: string[], taxonomy: TaggerTaxonomy): string[] {
  let idx = indexes.get(taxonomy);
  if (!idx) {
    idx = buildPhraseIndex(
      (taxonomy.industries ?? []).flatMap((ind) => [
        ...ind.strong.map((phrase) => ({ phrase, payload: { id: ind.id, strong: true } })),
        ...ind.cues.map((phrase) => ({ phrase, payload: { id: ind.id, strong: false } })),
      ]),
    );
    indexes.set(taxonomy, idx);
  }
  const strong = new Map<string, number>();
  const cues = new Map<string, Set<string>>();
  for (const { phrase, payload } of findPhrases(idx, stems)) {
    if (payload.strong) strong.set(payload.id, (strong.get(payload.id) ?? 0) + 1);
    else cues.set(payload.id, (cues.get(payload.id) ?? new Set()).add(phrase));
  }
  const ids = new Set([...strong.keys(), ...cues.keys()]);
  return [...ids]
    .map((id) => ({ id, strong: strong.get(id) ?? 0, cues: cues.get(id)?.size ?? 0 }))
    .filter((x) => x.strong > 0 || x.cues >= MIN_CUES)
    .sort((a, b) => b.strong * 3 + b.cues - (a.strong * 3 + a.cues))
    .slice(0, MAX_INDUSTRIES)
    .map((x) => x.id);
}
