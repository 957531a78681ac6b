// Finds alias matches in a text: leftmost-longest over the token trie, case-exact aliases checked
// against the text as written, and long unknown tokens looked up with one edit of tolerance.
import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/index.js';
import { deletions, FUZZY_MIN_LENGTH, type AliasKind, type CompiledTaxonomy, type TrieNode } from './alias-trie.ts';
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
 * `words` are the tokens' Words from the same taxonomy's lexicon (they hold the first trie step).
 */
export function matchAliases(text: string, tokens: Tokens, c: CompiledTaxonomy, words: Word[]): AliasMatch[] {
  const out: AliasMatch[] = [];
  const n = tokens.lower.length;
  let i = 0;
  while (i < n) {
    let node = (words[i] as Word).node;
    let fuzzy = false;
    const word = tokens.lower[i] as string;
    if (!node && word.length >= FUZZY_MIN_LENGTH && mayBeMisspeltName(text, tokens.start[i] ?? 0, tokens.end[i] ?? 0)) {
      const key = fuzzyKey(word, c);
      if (key) {
        node = c.root.next.get(key);
        fuzzy = true;
      }
    }
    if (!node) {
      i++;
      continue;
    }
    const found = longestAt(text, tokens, i, node, fuzzy, c);
    if (found.length === 0) {
      i++;
      continue;
    }
    for (const m of found) out.push(m);
    i = (found[0] as AliasMatch).last + 1;
  }
  return out;
}

// Walks the trie from token i; returns the longest valid match first, then the shorter matches
// at i that the longest one implies ("Azure DevOps" keeps "Azure").
function longestAt(text: string, tokens: Tokens, i: number, first: TrieNode, fuzzy: boolean, c: CompiledTaxonomy): AliasMatch[] {
  let found: AliasMatch[] | null = null;
  let node: TrieNode | undefined = first;
  let j = i;
  while (node) {
    if (node.hits) {
      for (const hit of node.hits) {
        if (hit.surface && (fuzzy || !sameSurface(text, tokens, i, hit.surface))) continue;
        (found ??= []).push({ skill: hit.skill, kind: hit.kind, first: i, last: j, start: tokens.start[i] ?? 0, end: tokens.end[j] ?? 0, fuzzy });
      }
    }
    j++;
    if (j >= tokens.lower.length || fuzzy || node.next.size === 0 || !joined(text, tokens.end[j - 1] ?? 0, tokens.start[j] ?? 0)) break;
    node = node.next.get(tokens.lower[j] ?? '');
  }
  if (!found) return NONE;
  if (found.length === 1) return found;
  found.sort((a, b) => b.last - a.last);
  const top = found[0] as AliasMatch;
  const implies = c.skills[top.skill]?.implies;
  return found.filter((m) => m === top || (m.last < top.last && implies?.has(c.skills[m.skill]?.def.id ?? '')));
}

const NONE: AliasMatch[] = [];

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
