// Offset-keeping tokenizer. natural's tokenizers drop offsets, and every tag must point at its
// exact text, so tokens are found in one hand-rolled pass (a Unicode regex costs ~4x as much on
// 5 KB) and carry [start, end) offsets. "C++", "C#", "F#" keep their symbols; ".NET" keeps its
// dot when the dot starts a word; everything else (". - / _ &") separates tokens, so
// "Node.js" -> node js and "CI/CD" -> ci cd.
//
// Job ads reuse a small vocabulary, so words are pooled: the scan keeps each token's lowercase
// characters as it reads them and finds the word in the pool by their hash, so a word seen before costs no new
// string and no Map probe (hashing a fresh string for a Map lookup costs more than the scan).
// Each token carries its word's pool id: later stages remember facts per word in an array.
import { Buffer } from 'node:buffer';
import type { Sentences } from './sentences.ts';

/**
 * Tokens of a text as parallel arrays (cheaper than one object per token on 5 KB texts). Offsets
 * and ids are typed arrays: filled in reused buffers and copied out once, they cost about half
 * of what three growing arrays do (pushing 800 tokens' numbers was a third of the tokenizer's time).
 */
export interface Tokens {
  /** lowercase token text */
  lower: string[];
  start: Int32Array;
  end: Int32Array;
  /** each token's id in the word pool of generation `generation` (equal ids, equal words); -1 when not pooled */
  ids: Int32Array;
  generation: number;
  /** every token is ASCII letters and digits (plus the symbols above) */
  ascii: boolean;
}

const NON_ASCII_WORD = /[\p{L}\p{N}]/u;
// ASCII letters and digits, by char code
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 0;


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

// Both in one read for ASCII: 0 for a character that is not part of a word, else its lowercase code
const ASCII_WORD_LOWER = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD_LOWER[c] = ASCII_WORD[c] === 1 ? (LOWER[c] as number) : 0;

// The word pool: open addressing over hashes of a word's lowercase characters (ASCII words: of
// their 4-byte chunks, see hashFolded; others: FNV-1a of their UTF-16 code units). When full
// it takes no more words, and it is emptied before the next text (a new generation), so the ids
// handed out for one text stay valid for that text.
const POOL_MAX = 16_384;
/** Word ids are below this. */
export const WORD_ID_LIMIT = POOL_MAX;
// Each slot is two 32-bit numbers: a tag packing the word's id + 1 (low 15 bits; 0 = empty), its
// length (7 bits, capped; 0 for non-ASCII words) and the high bits of its hash; then the word's
// first 4 characters (ASCII words). A token of up to 4 characters (half of them) is then found
// from the slot alone, and one of up to 127 without reading its length elsewhere. The table
// starts small and doubles at half full: a text's few hundred words sit in a few cache lines
// rather than scattered over a table sized for the full pool.
const ID_BITS = 15;
const ID_MASK = (1 << ID_BITS) - 1;
const LENGTH_CAP = 127;
const HASH_HIGH = ~((1 << (ID_BITS + 7)) - 1);
const MAX_SLOTS = POOL_MAX * 2;
let table = new Int32Array(2 * 1024);
let mask = 1024 - 1;
const hashes = new Int32Array(POOL_MAX);
const pool: string[] = [];
// ASCII words' characters, each word from a 4-byte boundary and zero-padded to one, so a token is
// compared with a pooled word 4 characters at a time (bytes written through arenaBytes, compared
// as arena's 32-bit chunks); wordLength is -1 for words with other characters
let arena = new Int32Array(POOL_MAX * 2);
let arenaBytes = new Uint8Array(arena.buffer);
let arenaEnd = 0;
/** a pooled ASCII word's first chunk in arena */
const wordAt = new Int32Array(POOL_MAX);
const wordLength = new Int32Array(POOL_MAX);
let generation = 0;
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

// The text's UTF-16 code units, copied natively into a reused typed array: the scan reads each
// character from it at a fraction of what charCodeAt costs (which re-checks the string's
// representation on every call). Texts longer than KEEP_UNITS get an array of their own.
const KEEP_UNITS = 1 << 16;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
let unitBuffer = new Uint16Array(8192);
let unitBytes = Buffer.from(unitBuffer.buffer);

function codeUnits(text: string): Uint16Array {
  let units = unitBuffer;
  let bytes = unitBytes;
  if (text.length > units.length) {
    units = new Uint16Array(Math.max(text.length, units.length * 2));
    bytes = Buffer.from(units.buffer);
    if (units.length <= KEEP_UNITS) {
      unitBuffer = units;
      unitBytes = bytes;
    }
  }
  if (LITTLE_ENDIAN) bytes.write(text, 0, text.length * 2, 'utf16le');
  else for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  return units;
}

// Whether a non-ASCII code unit is a letter or digit, by the regex, remembered per code unit
// (0: not asked yet, 1: word, 2: not): curly quotes, bullets and dashes recur in every ad.
const NON_ASCII_KIND = new Uint8Array(65536);

// Token offsets and ids are written here during the scan and copied out at the end (a text of n
// units has at most n tokens). Texts longer than KEEP_UNITS get buffers of their own.
let startBuffer = new Int32Array(8192);
let endBuffer = new Int32Array(8192);
let idBuffer = new Int32Array(8192);
// Tokens' offsets and ids are copied out into views of this slab, a new one when it is full (a
// slab is freed once no tokens made from it are left); never cleared: each view is written once.
const SLAB_INTS = 1 << 14;
let slab = new Int32Array(SLAB_INTS);
let slabUsed = 0;

// Tokens' words are written here during the scan and copied out once: 800 pushes onto a growing
// array cost ~5 us per 5 KB text, a copy of a filled array a fraction of that.
const wordBuffer: string[] = [];

// An ASCII token's lowercase characters, written as they are scanned and then zero-padded to a
// 4-byte boundary: hashed and compared with the pool as 32-bit chunks (a quarter of the steps of
// doing both a character at a time, which was a third of the tokenizer's time). A token is never
// longer than its text; texts longer than KEEP_UNITS get a buffer of their own.
let foldedBytes = new Uint8Array(8192 + 4);
let foldedChunks = new Int32Array(foldedBytes.buffer);
// the chunks of the text being tokenized (foldedChunks or a long text's own)
let folded = foldedChunks;

function isWordUnit(code: number): boolean {
  if (code < 128) return ASCII_WORD[code] === 1;
  let kind = NON_ASCII_KIND[code] as number;
  if (kind === 0) {
    kind = NON_ASCII_WORD.test(String.fromCharCode(code)) ? 1 : 2;
    NON_ASCII_KIND[code] = kind;
  }
  return kind === 1;
}

/**
 * Splits text into lowercase tokens with offsets into text. With `sentences`, also records the
 * sentence boundaries splitSentences() finds (a line break, or ". ! ? ;" before whitespace or the
 * end), from the same pass: those characters are never inside a token.
 */
export function tokenize(text: string, sentences?: Sentences): Tokens {
  if (pool.length >= POOL_MAX) clearPool();
  const n = text.length;
  const units = codeUnits(text);
  const wordLower = ASCII_WORD_LOWER;
  // the whole text lowercased, only once a non-ASCII token needs it: toLowerCase keeps offsets
  // except for a few characters ("İ"), and then each token is lowercased on its own
  let lowerText: string | null = null;
  let sameLength = true;
  const words = wordBuffer;
  let start = startBuffer;
  let end = endBuffer;
  let ids = idBuffer;
  if (n > start.length) {
    start = new Int32Array(n);
    end = new Int32Array(n);
    ids = new Int32Array(n);
    if (n <= KEEP_UNITS) {
      startBuffer = start;
      endBuffer = end;
      idBuffer = ids;
    }
  }
  let bytes = foldedBytes;
  folded = foldedChunks;
  if (n + 4 > bytes.length) {
    bytes = new Uint8Array((n + 4 + 3) & ~3);
    folded = new Int32Array(bytes.buffer);
    if (n <= KEEP_UNITS) {
      foldedBytes = bytes;
      foldedChunks = folded;
    }
  }
  let count = 0;
  let asciiWords = true;
  let i = 0;
  while (i < n) {
    let code = units[i] as number;
    // lowercase code of an ASCII word character, 1 for another word character, 0 for none
    let c = code < 128 ? (wordLower[code] as number) : isWordUnit(code) ? 1 : 0;
    if (c === 0) {
      if (sentences && (code === 10 || ((code === 46 || code === 33 || code === 63 || code === 59) && (i + 1 === n || SPACE[units[i + 1] as number] === 1)))) {
        sentences.ends.push(i);
        sentences.starts.push(i + 1);
      }
      i++;
      continue;
    }
    // ".NET": a dot that starts a word belongs to it; the dot in "Node.js" does not.
    const s = i > 0 && units[i - 1] === 46 && (i === 1 || !isWordUnit(units[i - 2] as number)) ? i - 1 : i;
    // the lowercase characters are kept as they are read (ASCII; other words go by their string)
    let length = 0;
    if (s < i) bytes[length++] = 46;
    let ascii = true;
    for (;;) {
      if (code < 128) bytes[length++] = c;
      else ascii = false;
      i++;
      if (i >= n) break;
      code = units[i] as number;
      c = code < 128 ? (wordLower[code] as number) : isWordUnit(code) ? 1 : 0;
      if (c === 0) break;
    }
    if (i < n && code === 43 && i + 1 < n && units[i + 1] === 43) {
      // ++
      bytes[length++] = 43;
      bytes[length++] = 43;
      i += 2;
    } else if (i < n && code === 35) {
      // #
      bytes[length++] = 35;
      i++;
    }
    let id: number;
    let word: string;
    if (ascii) {
      // an ASCII token lowercases the same on its own as within the text
      bytes[length] = 0;
      bytes[length + 1] = 0;
      bytes[length + 2] = 0;
      const h = hashFolded((length + 3) >> 2);
      id = findFolded(length, h);
      if (id >= 0) word = pool[id] as string;
      else {
        word = text.slice(s, i).toLowerCase();
        id = addWord(word, h);
        if (id >= 0) word = pool[id] as string;
      }
    } else {
      asciiWords = false;
      if (lowerText === null) {
        lowerText = text.toLowerCase();
        sameLength = lowerText.length === n;
      }
      word = sameLength ? lowerText.slice(s, i) : text.slice(s, i).toLowerCase();
      id = internWord(word);
      if (id >= 0) word = pool[id] as string;
    }
    words[count] = word;
    start[count] = s;
    end[count] = i;
    ids[count] = id;
    count++;
  }
  if (sentences) sentences.ends.push(n);
  const lower = words.slice(0, count);
  // slots past count may hold an earlier text's words (pooled ones, mostly) until overwritten;
  // a very long text's are let go
  if (words.length > KEEP_UNITS) words.length = 0;
  // the three arrays are views of a slab shared by several texts: typed arrays of this size keep
  // their memory off the heap, and allocating one per text was a fifth of the tokenizer's time
  if (slabUsed + count * 3 > slab.length) {
    slab = new Int32Array(Math.max(SLAB_INTS, count * 3));
    slabUsed = 0;
  }
  const out = slab.subarray(slabUsed, slabUsed + count * 3);
  slabUsed += count * 3;
  out.set(start.subarray(0, count));
  out.set(end.subarray(0, count), count);
  out.set(ids.subarray(0, count), count * 2);
  return { lower, start: out.subarray(0, count), end: out.subarray(count, count * 2), ids: out.subarray(count * 2), generation, ascii: asciiWords };
}

// Hash of the first `chunks` 32-bit chunks of folded: FNV-1a over chunks, then a final mix, so
// every character reaches the low bits that pick the slot.
function hashFolded(chunks: number): number {
  const f = folded;
  let h = FNV_OFFSET;
  for (let q = 0; q < chunks; q++) h = Math.imul(h ^ (f[q] as number), FNV_PRIME);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

// The pooled id of the ASCII word whose `length` lowercase characters are in folded (zero-padded)
// and whose hash is h; -1 if it is not pooled. (Module state is read into locals: the loop then
// reads no module bindings.)
function findFolded(length: number, h: number): number {
  const want = (h & HASH_HIGH) | (Math.min(length, LENGTH_CAP) << ID_BITS);
  const slots = table;
  const slotMask = mask;
  const f = folded;
  const first = f[0] as number;
  for (let slot = h & slotMask; ; slot = (slot + 1) & slotMask) {
    const tag = slots[2 * slot] as number;
    if (tag === 0) return -1;
    if ((tag & ~ID_MASK) !== want || slots[2 * slot + 1] !== first) continue;
    const id = (tag & ID_MASK) - 1;
    // same length and first 4 characters: a short word is found
    if (length <= 4) return id;
    if (length >= LENGTH_CAP && wordLength[id] !== length) continue;
    const chunksOf = arena;
    const at = wordAt[id] as number;
    const chunks = (length + 3) >> 2;
    let q = 1;
    while (q < chunks && chunksOf[at + q] === f[q]) q++;
    if (q === chunks) return id;
  }
}

// The id of a lowercase word with any characters (pooled if there is room), or -1.
function internWord(word: string): number {
  let h = FNV_OFFSET;
  for (let k = 0; k < word.length; k++) h = Math.imul(h ^ word.charCodeAt(k), FNV_PRIME);
  for (let slot = h & mask; ; slot = (slot + 1) & mask) {
    const tag = table[2 * slot] as number;
    if (tag === 0) return addWord(word, h);
    const id = (tag & ID_MASK) - 1;
    if (hashes[id] === h && pool[id] === word) return id;
  }
}

function addWord(word: string, h: number): number {
  if (pool.length >= POOL_MAX) return -1;
  const id = pool.length;
  // a copy, not a slice: a pooled slice would keep the whole text it came from alive
  pool.push(word.length < 13 ? word : word.split('').join(''));
  hashes[id] = h;
  wordLength[id] = -1;
  if (/^[\x00-\x7f]*$/.test(word)) {
    const chunks = (word.length + 3) >> 2;
    if (arenaEnd + chunks > arena.length) {
      const bigger = new Int32Array(Math.max(arena.length * 2, arenaEnd + chunks));
      bigger.set(arena.subarray(0, arenaEnd));
      arena = bigger;
      arenaBytes = new Uint8Array(arena.buffer);
    }
    // the last chunk's padding is cleared: an emptied pool leaves old words behind
    arena[arenaEnd + chunks - 1] = 0;
    const at = arenaEnd * 4;
    for (let k = 0; k < word.length; k++) arenaBytes[at + k] = word.charCodeAt(k);
    wordAt[id] = arenaEnd;
    wordLength[id] = word.length;
    arenaEnd += chunks;
  }
  if (pool.length * 2 > mask + 1 && mask + 1 < MAX_SLOTS) growTable();
  else place(id);
  return id;
}

function place(id: number): void {
  const h = hashes[id] as number;
  const length = wordLength[id] as number;
  let slot = h & mask;
  while (table[2 * slot] !== 0) slot = (slot + 1) & mask;
  table[2 * slot] = (h & HASH_HIGH) | (length < 0 ? 0 : Math.min(length, LENGTH_CAP) << ID_BITS) | (id + 1);
  table[2 * slot + 1] = length < 0 ? 0 : (arena[wordAt[id] as number] as number);
}

// Doubles the table and places every pooled word again.
function growTable(): void {
  table = new Int32Array(table.length * 2);
  mask = table.length / 2 - 1;
  for (let id = 0; id < pool.length; id++) place(id);
}

function clearPool(): void {
  table.fill(0);
  pool.length = 0;
  arenaEnd = 0;
  generation++;
}

/** Lowercase tokens of a phrase, joined by single spaces: the key phrases are compared by. */
export function phraseKey(phrase: string): string {
  return tokenize(phrase).lower.join(' ');
}
