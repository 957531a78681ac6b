// Offset-keeping tokenizer. natural's tokenizers drop offsets, and every tag must point at its
// exact text, so tokens are found in one hand-rolled pass (a Unicode regex costs ~4x as much on
// 5 KB) and carry [start, end) offsets. "C++", "C#", "F#" keep their symbols; ".NET" keeps its
// dot when the dot starts a word; everything else (". - / _ &") separates tokens, so
// "Node.js" -> node js and "CI/CD" -> ci cd.
//
// Job ads reuse a small vocabulary, so words are pooled: the scan hashes each token's lowercase
// characters as it reads them and finds the word in the pool, so a word seen before costs no new
// string and no Map probe (hashing a fresh string for a Map lookup costs more than the scan).
// Each token carries its word's pool id: later stages remember facts per word in an array.
import type { Sentences } from './sentences.ts';

/** Tokens of a text as parallel arrays (cheaper than one object per token on 5 KB texts). */
export interface Tokens {
  /** lowercase token text */
  lower: string[];
  start: number[];
  end: number[];
  /** each token's id in the word pool of generation `generation` (equal ids, equal words); -1 when not pooled */
  ids: number[];
  generation: number;
  /** every token is ASCII letters and digits (plus the symbols above) */
  ascii: boolean;
}

const NON_ASCII_WORD = /[\p{L}\p{N}]/u;
// ASCII letters and digits, by char code
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 0;

function isWordCode(code: number, text: string, i: number): boolean {
  if (code < 128) return ASCII_WORD[code] === 1;
  return NON_ASCII_WORD.test(text[i] ?? '');
}

// What JavaScript's \s matches: a sentence-ending ". ! ? ;" must be followed by one of these.
const SPACE = new Uint8Array(65536);
for (const c of [9, 10, 11, 12, 13, 32, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]) SPACE[c] = 1;
for (let c = 0x2000; c <= 0x200a; c++) SPACE[c] = 1;

/** Whether a UTF-16 code unit is whitespace as JavaScript's \s and trim() see it. */
export function isSpaceCode(code: number): boolean {
  return SPACE[code] === 1;
}

// ASCII lowercase by char code ("A" -> "a"): what toLowerCase does to ASCII
const LOWER = new Uint8Array(128);
for (let c = 0; c < 128; c++) LOWER[c] = c >= 65 && c <= 90 ? c + 32 : c;

// The word pool: open addressing over FNV-1a hashes of a word's lowercase characters. When full
// it takes no more words, and it is emptied before the next text (a new generation), so the ids
// handed out for one text stay valid for that text.
const POOL_MAX = 16_384;
/** Word ids are below this. */
export const WORD_ID_LIMIT = POOL_MAX;
const SLOTS = POOL_MAX * 4;
const MASK = SLOTS - 1;
const slots = new Int32Array(SLOTS); // word id + 1; 0 = empty
const hashes = new Int32Array(POOL_MAX);
const pool: string[] = [];
let generation = 0;
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/**
 * Splits text into lowercase tokens with offsets into text. With `sentences`, also records the
 * sentence boundaries splitSentences() finds (a line break, or ". ! ? ;" before whitespace or the
 * end), from the same pass: those characters are never inside a token.
 */
export function tokenize(text: string, sentences?: Sentences): Tokens {
  if (pool.length >= POOL_MAX) clearPool();
  const lowerText = text.toLowerCase();
  // toLowerCase keeps offsets except for a few characters ("İ"); then lowercase per token
  const sameLength = lowerText.length === text.length;
  const lower: string[] = [];
  const start: number[] = [];
  const end: number[] = [];
  const ids: number[] = [];
  let asciiWords = true;
  const n = text.length;
  let i = 0;
  while (i < n) {
    let code = text.charCodeAt(i);
    if (!isWordCode(code, text, i)) {
      if (sentences && (code === 10 || ((code === 46 || code === 33 || code === 63 || code === 59) && (i + 1 === n || SPACE[text.charCodeAt(i + 1)] === 1)))) {
        sentences.ends.push(i);
        sentences.starts.push(i + 1);
      }
      i++;
      continue;
    }
    // ".NET": a dot that starts a word belongs to it; the dot in "Node.js" does not.
    const s = i > 0 && text.charCodeAt(i - 1) === 46 && (i === 1 || !isWordCode(text.charCodeAt(i - 2), text, i - 2)) ? i - 1 : i;
    // the lowercase characters are hashed as they are read (ASCII; other words go by their string)
    let h = s < i ? Math.imul(FNV_OFFSET ^ 46, FNV_PRIME) : FNV_OFFSET;
    let ascii = true;
    for (;;) {
      if (code < 128) h = Math.imul(h ^ (LOWER[code] as number), FNV_PRIME);
      else ascii = false;
      i++;
      if (i >= n) break;
      code = text.charCodeAt(i);
      if (!isWordCode(code, text, i)) break;
    }
    if (code === 43 && text.charCodeAt(i + 1) === 43 && i < n) {
      // ++
      h = Math.imul(Math.imul(h ^ 43, FNV_PRIME) ^ 43, FNV_PRIME);
      i += 2;
    } else if (code === 35 && i < n) {
      // #
      h = Math.imul(h ^ 35, FNV_PRIME);
      i++;
    }
    if (!ascii) asciiWords = false;
    let id = ascii && sameLength ? findWord(lowerText, s, i, h) : -1;
    let word: string;
    if (id >= 0) word = pool[id] as string;
    else {
      word = sameLength ? lowerText.slice(s, i) : text.slice(s, i).toLowerCase();
      // a miss on the fast path is a new word; otherwise look the word up by its string
      id = ascii && sameLength ? addWord(word, h) : internWord(word);
      if (id >= 0) word = pool[id] as string;
    }
    lower.push(word);
    start.push(s);
    end.push(i);
    ids.push(id);
  }
  if (sentences) sentences.ends.push(n);
  return { lower, start, end, ids, generation, ascii: asciiWords };
}

// The pooled id of the word lowerText[s, e), whose hash is h; -1 if it is not pooled.
function findWord(lowerText: string, s: number, e: number, h: number): number {
  for (let slot = h & MASK; ; slot = (slot + 1) & MASK) {
    const id = (slots[slot] as number) - 1;
    if (id < 0) return -1;
    if (hashes[id] !== h) continue;
    const w = pool[id] as string;
    if (w.length === e - s && lowerText.startsWith(w, s)) return id;
  }
}

// The id of a lowercase word with any characters (pooled if there is room), or -1.
function internWord(word: string): number {
  let h = FNV_OFFSET;
  for (let k = 0; k < word.length; k++) h = Math.imul(h ^ word.charCodeAt(k), FNV_PRIME);
  for (let slot = h & MASK; ; slot = (slot + 1) & MASK) {
    const id = (slots[slot] as number) - 1;
    if (id < 0) return addWord(word, h);
    if (hashes[id] === h && pool[id] === word) return id;
  }
}

function addWord(word: string, h: number): number {
  if (pool.length >= POOL_MAX) return -1;
  let slot = h & MASK;
  while (slots[slot] !== 0) slot = (slot + 1) & MASK;
  const id = pool.length;
  // a copy, not a slice: a pooled slice would keep the whole text it came from alive
  pool.push(word.length < 13 ? word : word.split('').join(''));
  hashes[id] = h;
  slots[slot] = id + 1;
  return id;
}

function clearPool(): void {
  slots.fill(0);
  pool.length = 0;
  generation++;
}

/** Lowercase tokens of a phrase, joined by single spaces: the key phrases are compared by. */
export function phraseKey(phrase: string): string {
  return tokenize(phrase).lower.join(' ');
}
