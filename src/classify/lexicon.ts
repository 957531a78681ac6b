// Every per-word question the tagger asks (does an alias start here? does a role or industry cue
// start here? what is the word's stem?) is answered once per distinct word and remembered, so a
// 5 KB text costs one Map probe per token instead of a probe per question. Job ads reuse a small
// vocabulary, so nearly every token is a hit; the cost does not grow with the taxonomy.
import { compileTaxonomy, type TrieNode } from './alias-trie.ts';
import { prefixKey, type PhraseEntry, type PhraseIndex } from './phrase-index.ts';
import { cueIndex, type CuePayload } from './scan-cues.ts';
import { stem } from './stem.ts';
import type { TaggerTaxonomy } from './taxonomy-types.ts';
import type { Tokens } from './tokenize.ts';

/** What the taxonomy knows about one lowercase word. */
export interface Word {
  /** the trie node of aliases starting with this word */
  node: TrieNode | undefined;
  /** cue phrases whose first stem is this word's stem */
  cues: Array<PhraseEntry<CuePayload>> | undefined;
  /** the word's stem, once a cue phrase needed it */
  stem: string | undefined;
}

export interface Lexicon {
  root: TrieNode;
  cues: PhraseIndex<CuePayload>;
  prefixes: Set<number>;
  words: Map<string, Word>;
}

// Bounds memory on a stream of postings with ever new tokens (numbers, names, typos); a few MB at
// most, and refilling after a clear costs one posting's worth of misses.
const MAX_WORDS = 30_000;
const lexicons = new WeakMap<TaggerTaxonomy, Lexicon>();

/** The word memo of a taxonomy, created on first use and kept per taxonomy object. */
export function lexiconOf(taxonomy: TaggerTaxonomy): Lexicon {
  let lex = lexicons.get(taxonomy);
  if (!lex) {
    const { index, prefixes } = cueIndex(taxonomy);
    lex = { root: compileTaxonomy(taxonomy).root, cues: index, prefixes, words: new Map() };
    lexicons.set(taxonomy, lex);
  }
  return lex;
}

/** The Word of every token, in order. */
export function lookupWords(tokens: Tokens, lex: Lexicon): Word[] {
  const lower = tokens.lower;
  const words = lex.words;
  const out = new Array<Word>(lower.length);
  for (let i = 0; i < lower.length; i++) {
    const token = lower[i] as string;
    let w = words.get(token);
    if (w === undefined) {
      // a copy, not a slice of the text: a remembered slice would keep the whole text alive
      const key = token.length < 13 ? token : token.split('').join('');
      w = describe(key, lex);
      if (words.size >= MAX_WORDS) words.clear();
      words.set(key, w);
    }
    out[i] = w;
  }
  return out;
}

function describe(token: string, lex: Lexicon): Word {
  // only words whose first three letters could start a cue are stemmed: most never are
  const s = lex.prefixes.has(prefixKey(token)) ? stem(token) : undefined;
  return { node: lex.root.next.get(token), cues: s === undefined ? undefined : lex.cues.get(s), stem: s };
}

/** A word's stem (remembered on the word). */
export function stemOf(w: Word, token: string): string {
  return (w.stem ??= stem(token));
}
