// Finds which of many cue phrases occur in a stemmed token sequence: phrases are indexed by
// their first stem, so a 5 KB text costs one Map probe per token however many cues there are.
import { stemAll } from './stem.ts';
import { tokenize } from './tokenize.ts';

/** One indexed phrase: the stems after its first, and what it points to. */
export interface PhraseEntry<T> {
  rest: string[];
  phrase: string;
  payload: T;
  /** free for a scanner's bookkeeping (scanCues: the last scan that counted this phrase); 0 at first */
  mark: number;
}

export type PhraseIndex<T> = Map<string, PhraseEntry<T>[]>;

/**
 * A small integer for a word's first three ASCII characters (-1 for anything else, which is
 * never skipped): words whose key no phrase starts with are skipped unstemmed. Small integers
 * keep the Set probe cheap (large doubles would be boxed and hashed).
 */
export function prefixKey(word: string): number {
  const a = word.charCodeAt(0);
  const b = word.length > 1 ? word.charCodeAt(1) : 0;
  const c = word.length > 2 ? word.charCodeAt(2) : 0;
  return a < 128 && b < 128 && c < 128 ? (a << 14) | (b << 7) | c : -1;
}

/** Prefix keys of every phrase's first stem (a Porter stem keeps its word's first three letters). */
export function phrasePrefixes<T>(index: PhraseIndex<T>): Set<number> {
  return new Set([-1, ...[...index.keys()].map(prefixKey)]);
}

/** Title words: lowercase tokens with a plural "s" dropped, a lighter touch than stemming. */
export function titleWords(tokens: string[]): string[] {
  return tokens.map((t) => (t.length > 4 && t.endsWith('s') && !t.endsWith('ss') ? t.slice(0, -1) : t));
}

/** Indexes phrases (each with a payload, e.g. the role it points to) by stems (or another normaliser). */
export function buildPhraseIndex<T>(items: Array<{ phrase: string; payload: T }>, normalise: (tokens: string[]) => string[] = stemAll): PhraseIndex<T> {
  const index: PhraseIndex<T> = new Map();
  for (const { phrase, payload } of items) {
    const stems = normalise(tokenize(phrase).lower);
    const [first, ...rest] = stems;
    if (first === undefined) continue;
    const list = index.get(first) ?? [];
    // "automate" and "automation" share a stem: one cue, counted once
    const key = JSON.stringify(payload);
    if (list.some((e) => JSON.stringify(e.payload) === key && e.rest.join(' ') === rest.join(' '))) continue;
    list.push({ rest, phrase, payload, mark: 0 });
    index.set(first, list);
  }
  return index;
}

/** Every (phrase, payload) whose stems occur consecutively in stems. */
export function findPhrases<T>(index: PhraseIndex<T>, stems: string[]): Array<{ phrase: string; payload: T }> {
  const out: Array<{ phrase: string; payload: T }> = [];
  for (let i = 0; i < stems.length; i++) {
    const entries = index.get(stems[i] ?? '');
    if (!entries) continue;
    for (const e of entries) {
      let k = 0;
      while (k < e.rest.length && stems[i + 1 + k] === e.rest[k]) k++;
      if (k === e.rest.length) out.push({ phrase: e.phrase, payload: e.payload });
    }
  }
  return out;
}
