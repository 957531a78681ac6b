// One pass over a text's tokens finds every role cue and industry phrase: each token's Word (see
// lexicon.ts) already holds the cue phrases its stem starts, so most tokens cost one array read.
import type { Word } from './lexicon.ts';
import { stemOf } from './lexicon.ts';
import { buildPhraseIndex, phrasePrefixes, type PhraseIndex } from './phrase-index.ts';
import type { TaggerTaxonomy } from './taxonomy-types.ts';

export type CuePayload = { kind: 'role'; id: string } | { kind: 'industry'; id: string; strong: boolean };

/** Role cues found (role id -> distinct cue phrases) and industry phrases found. */
export interface CueHits {
  roles: Map<string, Set<string>>;
  industries: Array<{ phrase: string; id: string; strong: boolean }>;
}

// Each CueHits that role cues are added to gets its own scan number, the mark its phrases carry
// once added: scanning is synchronous, and a number compare beats a Set probe per occurrence.
const scans = new WeakMap<CueHits, number>();
let lastScan = 0;

function scanOf(into: CueHits): number {
  let scan = scans.get(into);
  if (scan === undefined) {
    // marks start at 0, so numbering starts at 1; after 2^53 scans it would repeat, never in practice
    scan = ++lastScan;
    scans.set(into, scan);
  }
  return scan;
}

const indexes = new WeakMap<TaggerTaxonomy, { index: PhraseIndex<CuePayload>; prefixes: Set<number> }>();

/** Role cues and industry phrases of a taxonomy, indexed by first stem (built once per taxonomy). */
export function cueIndex(taxonomy: TaggerTaxonomy): { index: PhraseIndex<CuePayload>; prefixes: Set<number> } {
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

/**
 * Finds role cues and industry phrases in lowercase tokens and their Words (from the taxonomy's
 * lexicon); role cues only when `roles` is true. `at`, when given, lists the only tokens whose
 * Word has cues (lookupWords' hits.cues).
 */
export function scanCues(lower: string[], words: Word[], into: CueHits = { roles: new Map(), industries: [] }, roles = true, at?: number[]): CueHits {
  const n = lower.length;
  const count = at === undefined ? n : at.length;
  const scan = roles ? scanOf(into) : 0;
  for (let x = 0; x < count; x++) {
    const i = at === undefined ? x : (at[x] as number);
    const entries = (words[i] as Word).cues;
    if (entries === undefined) continue;
    for (const e of entries) {
      // a role cue counts once per posting (a Set of phrases): later occurrences, and role cues
      // when roles are not asked for, are skipped before their stems are compared (~3 of 4
      // role-cue occurrences in a 5 KB ad repeat one already found)
      if (e.payload.kind === 'role' && (!roles || e.mark === scan)) continue;
      let k = 0;
      while (k < e.rest.length && i + 1 + k < n && stemOf(words[i + 1 + k] as Word, lower[i + 1 + k] as string) === e.rest[k]) k++;
      if (k < e.rest.length) continue;
      const payload = e.payload;
      if (payload.kind === 'industry') into.industries.push({ phrase: e.phrase, id: payload.id, strong: payload.strong });
      else {
        e.mark = scan;
        const set = into.roles.get(payload.id);
        if (set) set.add(e.phrase);
        else into.roles.set(payload.id, new Set([e.phrase]));
      }
    }
  }
  return into;
}
