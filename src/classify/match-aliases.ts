// Finds alias matches in a text: leftmost-longest over the token trie, case-exact aliases checked
// against the text as written, and long unknown tokens looked up with one edit of tolerance.
import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/index.js';
import { deletions, FUZZY_MIN_LENGTH, type AliasHit, type AliasKind, type CompiledTaxonomy, type TrieNode } from './alias-trie.ts';
import type { Word } from './lexicon.ts';
import type { Tokens } from './tokenize.ts';

export interface AliasMatch {
  skill: number;
  kind: AliasKind;
  /** first and last token index, inclusive */
  first: number;
  last: number;
  start: number;
  end: number;
  fuzzy: boolean;
}

/**
 * All alias matches in text, leftmost-longest; context-kind matches still need checkContext.
 * `words` are the tokens' Words from the same taxonomy's lexicon (they hold the first trie step);
 * `at`, when given, lists the only tokens that may start a match (lookupWords' hits.aliases).
 */
export function matchAliases(text: string, tokens: Tokens, c: CompiledTaxonomy, words: Word[], at?: number[]): AliasMatch[] {
  const out: AliasMatch[] = [];
  const n = at === undefined ? tokens.lower.length : at.length;
  // tokens up to a match's last one are inside it and start nothing
  let next = 0;
  for (let x = 0; x < n; x++) {
    const i = at === undefined ? x : (at[x] as number);
    if (i < next) continue;
    const w = words[i] as Word;
    let node = w.node;
    let fuzzy = false;
    if (!node && w.fuzzy !== null) {
      // the word's fuzzy key is remembered on the word; most long words have none
      if (w.fuzzy === undefined) w.fuzzy = fuzzyKey(tokens.lower[i] as string, c);
      if (w.fuzzy && mayBeMisspeltName(text, tokens.start[i] ?? 0, tokens.end[i] ?? 0)) {
        node = c.root.next.get(w.fuzzy);
        fuzzy = true;
      }
    }
    if (!node) continue;
    // a word that only starts longer aliases ("a" of "A/B testing", "data" of "data modeling")
    // matches nothing unless the next word can go on: most such walks ("a", ~150 per 5 KB) end here
    if (node.hits === null && !fuzzy && !(i + 1 < words.length && (words[i + 1] as Word).inner)) continue;
    const last = longestAt(text, tokens, words, i, node, fuzzy, c, out);
    if (last >= 0) next = last + 1;
  }
  return out;
}

// Candidates met on one trie walk (hit, last token index), reused across walks: most walks find
// none or one, and a walk never outlives its call.
const candHits: AliasHit[] = [];
const candLast: number[] = [];

// Walks the trie from token i and appends to out the longest valid match, then the shorter
// matches at i that the longest one implies ("Azure DevOps" keeps "Azure"), longest first.
// Returns the longest match's last token index, or -1 when nothing matched.
function longestAt(text: string, tokens: Tokens, words: Word[], i: number, first: TrieNode, fuzzy: boolean, c: CompiledTaxonomy, out: AliasMatch[]): number {
  let count = 0;
  let node: TrieNode | undefined = first;
  let j = i;
  while (node) {
    if (node.hits) {
      for (const hit of node.hits) {
        if (hit.surface && (fuzzy || !sameSurface(text, tokens, i, hit.surface))) continue;
        candHits[count] = hit;
        candLast[count] = j;
        count++;
      }
    }
    j++;
    // a word no alias has after its first token ends the walk without a Map probe
    if (j >= tokens.lower.length || fuzzy || node.next.size === 0 || !(words[j] as Word).inner || !joined(text, tokens.end[j - 1] ?? 0, tokens.start[j] ?? 0)) break;
    node = node.next.get(tokens.lower[j] ?? '');
  }
  if (count === 0) return -1;
  // candidates come in order of last index: the top one opens the last group
  const maxLast = candLast[count - 1] as number;
  let top = count - 1;
  while (top > 0 && candLast[top - 1] === maxLast) top--;
  const topHit = candHits[top] as AliasHit;
  out.push(toMatch(topHit, i, maxLast, tokens, fuzzy));
  const implies = top > 0 ? c.skills[topHit.skill]?.implies : undefined;
  if (implies && implies.size > 0) {
    // shorter groups, longest first, each in the order its hits were met
    for (let k = top - 1; k >= 0; ) {
      let g = k;
      while (g > 0 && candLast[g - 1] === candLast[k]) g--;
      for (let x = g; x <= k; x++) {
        const hit = candHits[x] as AliasHit;
        if (implies.has(c.skills[hit.skill]?.def.id ?? '')) out.push(toMatch(hit, i, candLast[x] as number, tokens, fuzzy));
      }
      k = g - 1;
    }
  }
  return maxLast;
}

function toMatch(hit: AliasHit, i: number, last: number, tokens: Tokens, fuzzy: boolean): AliasMatch {
  return { skill: hit.skill, kind: hit.kind, first: i, last, start: tokens.start[i] ?? 0, end: tokens.end[last] ?? 0, fuzzy };
}


// compared in place: slicing the text for every candidate allocates a string per token
function sameSurface(text: string, tokens: Tokens, i: number, surface: string[]): boolean {
  for (let k = 0; k < surface.length; k++) {
    const s = tokens.start[i + k] ?? 0;
    const w = surface[k] as string;
    if ((tokens.end[i + k] ?? 0) - s !== w.length || !text.startsWith(w, s)) return false;
  }
  return true;
}

// Tokens of one alias must sit next to each other: a space, "-", ".", "/" between, no line break.
function joined(text: string, prevEnd: number, nextStart: number): boolean {
  if (nextStart - prevEnd > 2) return false;
  for (let k = prevEnd; k < nextStart; k++) {
    const c = text.charCodeAt(k);
    // \n , ; : ( )  and a dot followed by a space
    if (c === 10 || c === 44 || c === 59 || c === 58 || c === 40 || c === 41) return false;
    if (c === 46 && nextStart - k > 1) return false;
  }
  return true;
}

const FUZZY_CACHE_MAX = 50_000;

// Only capitalised words in mid-sentence are looked up fuzzily: product names are written that
// way ("Kuberentes"), while English words that sit one edit from a name are not ("containers").
function mayBeMisspeltName(text: string, start: number, end: number): boolean {
  let upper = false;
  for (let k = start; k < end && !upper; k++) {
    const code = text.charCodeAt(k);
    upper = code >= 65 && code <= 90;
  }
  if (!upper) return false;
  let i = start - 1;
  while (i >= 0 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i--;
  if (i < 0) return false;
  // . ! ? \n : * - •
  const prev = text.charCodeAt(i);
  return prev !== 46 && prev !== 33 && prev !== 63 && prev !== 10 && prev !== 58 && prev !== 42 && prev !== 45 && prev !== 0x2022;
}

// One deletion, insertion, substitution or transposition away from a long alias, same first
// letter: "Kuberentes", "Postgress", "Elasticsearh". Cached: most long tokens are English words.
function fuzzyKey(word: string, c: CompiledTaxonomy): string | null {
  if (!/^[a-z]+$/.test(word)) return null;
  const cached = c.fuzzyCache.get(word);
  if (cached !== undefined) return cached;
  let best: string | null = null;
  for (const variant of [word, ...deletions(word)]) {
    for (const key of c.fuzzy.get(variant) ?? (c.root.next.has(variant) && variant.length >= FUZZY_MIN_LENGTH ? [variant] : [])) {
      // an alias that merely extends a word ("container" / "containerd") is another word, not a
      // typo; a doubled last letter ("Postgress") is the one extension that is a typo
      if ((key.startsWith(word) || word.startsWith(key)) && word !== key + key.at(-1)) continue;
      if (key[0] === word[0] && DamerauLevenshteinDistance(word, key, { transposition_cost: 1 }) <= 1) {
        best = key;
        break;
      }
    }
    if (best) break;
  }
  if (c.fuzzyCache.size >= FUZZY_CACHE_MAX) c.fuzzyCache.clear();
  c.fuzzyCache.set(word, best);
  return best;
}
