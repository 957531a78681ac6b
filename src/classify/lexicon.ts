// Every per-word question the tagger asks (does an alias start here? does a role or industry cue
// start here? what is the word's stem?) is answered once per distinct word and remembered by the
// word's id from the tokenizer's pool, so a 5 KB text costs one array read per token instead of
// Map probes. Job ads reuse a small vocabulary, so nearly every token is a hit; the cost does not
// grow with the taxonomy (the memo is bounded by the pool).
import { compileTaxonomy, FUZZY_MIN_LENGTH, type TrieNode } from './alias-trie.ts';
import { screenWord } from './judge-mention.ts';
import { prefixKey, type PhraseEntry, type PhraseIndex } from './phrase-index.ts';
import { cueIndex, type CuePayload } from './scan-cues.ts';
import { stem } from './stem.ts';
import type { TaggerTaxonomy } from './taxonomy-types.ts';
import { WORD_ID_LIMIT, type Tokens } from './tokenize.ts';

/** What the taxonomy knows about one lowercase word. */
export interface Word {
  /** the trie node of aliases starting with this word */
  node: TrieNode | undefined;
  /** some alias has this word after its first token (a trie walk can go on to it) */
  inner: boolean;
  /** cue phrases whose first stem is this word's stem */
  cues: Array<PhraseEntry<CuePayload>> | undefined;
  /** the word's stem, once a cue phrase needed it */
  stem: string | undefined;
  /** screenWord() bits: may the word take part in a negation or preference screen */
  screen: number;
  /** the alias key a long word is a likely misspelling of (null: none; short words have none), once matchAliases asked */
  fuzzy: string | null | undefined;
}

export interface Lexicon {
  root: TrieNode;
  innerKeys: Set<string>;
  cues: PhraseIndex<CuePayload>;
  prefixes: Set<number>;
  /** Word by the tokenizer's word id, for ids of pool generation `generation` */
  byId: Array<Word | undefined>;
  /** what each remembered Word is wanted for (the HIT_ bits), by word id: read without touching the Word */
  hitsById: Uint8Array;
  generation: number;
}

// hitsById bits: the word starts an alias; it may be a misspelt alias (long, fuzzy key not known
// to be none); its stem starts a cue; it may take part in a screen
const HIT_ALIAS = 1;
const HIT_FUZZY = 2;
const HIT_CUE = 4;
const HIT_SCREEN = 8;

const lexicons = new WeakMap<TaggerTaxonomy, Lexicon>();

/** The word memo of a taxonomy, created on first use and kept per taxonomy object. */
export function lexiconOf(taxonomy: TaggerTaxonomy): Lexicon {
  let lex = lexicons.get(taxonomy);
  if (!lex) {
    const { index, prefixes } = cueIndex(taxonomy);
    const compiled = compileTaxonomy(taxonomy);
    lex = { root: compiled.root, innerKeys: compiled.innerKeys, cues: index, prefixes, byId: new Array(WORD_ID_LIMIT), hitsById: new Uint8Array(WORD_ID_LIMIT), generation: -1 };
    lexicons.set(taxonomy, lex);
  }
  return lex;
}

/**
 * Tokens that a later pass over the text must look at, found while the Words are looked up: most
 * tokens start no alias, no cue and no screen, and those passes then skip them unread.
 */
export interface WordHits {
  /** tokens whose word starts an alias, or may be a misspelt one (fuzzy key not known to be none) */
  aliases: number[];
  /** tokens whose word's stem starts a cue phrase */
  cues: number[];
  /** tokens whose word may take part in a negation or preference screen */
  screens: number[];
}

/**
 * The Word of every token, in order (for matchAliases, with the same taxonomy's CompiledTaxonomy).
 * With `hits`, also appends the tokens each later pass must read.
 */
export function lookupWords(tokens: Tokens, lex: Lexicon, hits?: WordHits): Word[] {
  // the tokenizer's word pool was emptied since these ids were remembered: start over
  if (lex.generation !== tokens.generation) {
    // sized up front: ids arrive in any order, and a sparse array would fall back to a dictionary
    lex.byId = new Array(WORD_ID_LIMIT);
    lex.generation = tokens.generation;
  }
  const { lower, ids } = tokens;
  const { byId, hitsById } = lex;
  const out = new Array<Word>(lower.length);
  for (let i = 0; i < lower.length; i++) {
    const id = ids[i] as number;
    let w = id >= 0 ? byId[id] : undefined;
    let bits: number;
    if (w === undefined) {
      w = describe(lower[i] as string, lex);
      bits = hitBits(w);
      if (id >= 0) {
        byId[id] = w;
        hitsById[id] = bits;
      }
    } else bits = hitsById[id] as number;
    out[i] = w;
    if (hits === undefined || bits === 0) continue;
    if ((bits & HIT_ALIAS) !== 0) hits.aliases.push(i);
    else if ((bits & HIT_FUZZY) !== 0) {
      // asked once per word: most long words have no fuzzy key, and are then skipped unread
      if (w.fuzzy !== null) hits.aliases.push(i);
      else if (id >= 0) hitsById[id] = bits & ~HIT_FUZZY;
    }
    if ((bits & HIT_CUE) !== 0) hits.cues.push(i);
    if ((bits & HIT_SCREEN) !== 0) hits.screens.push(i);
  }
  return out;
}

function hitBits(w: Word): number {
  return (w.node !== undefined ? HIT_ALIAS : 0) | (w.fuzzy !== null ? HIT_FUZZY : 0) | (w.cues !== undefined ? HIT_CUE : 0) | (w.screen !== 0 ? HIT_SCREEN : 0);
}

function describe(token: string, lex: Lexicon): Word {
  // only words whose first three letters could start a cue are stemmed: most never are
  const s = lex.prefixes.has(prefixKey(token)) ? stem(token) : undefined;
  return { node: lex.root.next.get(token), inner: lex.innerKeys.has(token), cues: s === undefined ? undefined : lex.cues.get(s), stem: s, screen: screenWord(token), fuzzy: token.length >= FUZZY_MIN_LENGTH ? undefined : null };
}

/** A word's stem (remembered on the word). */
export function stemOf(w: Word, token: string): string {
  return (w.stem ??= stem(token));
}
