// One pass over a text's tokens finds every role cue and industry phrase (one index, one Map
// probe per token), instead of a pass per kind of cue.
import { buildPhraseIndex, findPhrasesInTokens, phrasePrefixes, type PhraseIndex } from './phrase-index.ts';
import type { TaggerTaxonomy } from './taxonomy-types.ts';

export type CuePayload = { kind: 'role'; id: string } | { kind: 'industry'; id: string; strong: boolean };

/** Role cues found (role id -> distinct cue phrases) and industry phrases found. */
export interface CueHits {
  roles: Map<string, Set<string>>;
  industries: Array<{ phrase: string; id: string; strong: boolean }>;
}

const indexes = new WeakMap<TaggerTaxonomy, { index: PhraseIndex<CuePayload>; prefixes: Set<number> }>();

function cueIndex(taxonomy: TaggerTaxonomy): { index: PhraseIndex<CuePayload>; prefixes: Set<number> } {
  let idx = indexes.get(taxonomy);
  if (!idx) {
    const index = buildPhraseIndex<CuePayload>([
      ...taxonomy.roles.flatMap((r) => (r.cues ?? []).map((phrase) => ({ phrase, payload: { kind: 'role' as const, id: r.id } }))),
      ...(taxonomy.industries ?? []).flatMap((ind) => [
        ...ind.strong.map((phrase) => ({ phrase, payload: { kind: 'industry' as const, id: ind.id, strong: true } })),
        ...ind.cues.map((phrase) => ({ phrase, payload: { kind: 'industry' as const, id: ind.id, strong: false } })),
      ]),
    ]);
    idx = { index, prefixes: phrasePrefixes(index) };
    indexes.set(taxonomy, idx);
  }
  return idx;
}

/** Finds role cues and industry phrases in lowercase tokens (role cues only when `roles` is true). */
export function scanCues(tokens: string[], taxonomy: TaggerTaxonomy, into: CueHits = { roles: new Map(), industries: [] }, roles = true): CueHits {
  const { index, prefixes } = cueIndex(taxonomy);
  for (const { phrase, payload } of findPhrasesInTokens(index, prefixes, tokens)) {
    if (payload.kind === 'industry') into.industries.push({ phrase, id: payload.id, strong: payload.strong });
    else if (roles) {
      const set = into.roles.get(payload.id) ?? new Set<string>();
      set.add(phrase);
      into.roles.set(payload.id, set);
    }
  }
  return into;
}
