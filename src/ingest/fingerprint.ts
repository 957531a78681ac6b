import type { ParsedPosting } from '../types.ts';

// Fingerprints for repost detection: the same opening posted on several boards or re-posted
// with a new URL. Pure functions; the database compares them.

const LEGAL_SUFFIX = /\b(inc|llc|ltd|limited|gmbh|ag|sa|sas|bv|plc|corp|corporation|co|company)\b\.?/g;

/** Lower-case letters and digits only, single spaces: "Acme, Inc." and "ACME inc" agree. */
export function normalizeKey(s: string | null | undefined): string {
  return (s ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The company as a comparison key, legal suffixes dropped. */
export function companyKey(company: string | null | undefined): string | null {
  const key = normalizeKey(company).replace(LEGAL_SUFFIX, '').replace(/\s+/g, ' ').trim();
  return key || null;
}

/** title | company | location, normalised; null when title or company is unknown. */
export function dedupKey(p: Pick<ParsedPosting, 'title' | 'company' | 'location'>): string | null {
  const title = normalizeKey(p.title);
  const company = companyKey(p.company);
  if (!title || !company) return null;
  const place = normalizeKey(p.location?.city ?? p.location?.raw ?? '');
  return `${title}|${company}|${place}`;
}

const SHINGLE = 3;
const WORD = /[\p{L}\p{N}]+/gu;
const WORD_CHAR = /[\p{L}\p{N}]/u;
// as an int32 (ToInt32 of 0x811c9dc5), so the hash stays a small integer in optimised code
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

// What one UTF-16 unit is once the text is lower-cased: its lower-case code + 1 for a letter or
// digit, SEPARATOR for anything else, SLOW where lower-casing a unit alone would differ from
// lower-casing the text (İ becomes two units, Σ depends on its neighbours, surrogate pairs are one
// code point). Filled as units are first seen. Every other BMP character lower-cases to one unit
// whatever its neighbours (checked over all of them when this was written; the property test in
// tests/unit/ingest/fingerprint.property.test.ts compares both readings).
const UNSEEN = 0;
const SEPARATOR = -1;
const SLOW = -2;
const unitClass = new Int32Array(0x10000);

function classify(unit: number): number {
  if ((unit >= 0xd800 && unit <= 0xdfff) || unit === 0x3a3) return SLOW;
  const lower = String.fromCharCode(unit).toLowerCase();
  if (lower.length !== 1) return SLOW;
  return WORD_CHAR.test(lower) ? lower.charCodeAt(0) + 1 : SEPARATOR;
}

/**
 * 64-bit simhash of the text's word 3-shingles, as a signed bigint (Postgres bigint). Texts
 * that differ by a few words differ in a few bits; unrelated texts in about 32.
 */
export function simhash(text: string): bigint | null {
  // Lower-cased word runs are enough here: accents and punctuation change few shingles, and
  // normalizeKey's Unicode normalisation would cost as much as the hashing.
  // One pass over the text hashes each lower-cased word (FNV-1a over its UTF-16 units) as it is
  // read: no lower-cased copy, no word strings. Stored hashes are compared with new ones, so this
  // must equal simhashOfWords on every input; text it cannot read unit by unit goes there.
  const tally = newTally();
  let h = FNV_OFFSET;
  let inWord = false;
  let words = 0;
  let a = 0;
  let b = 0;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    let k = SEPARATOR;
    if (i < n) {
      const unit = text.charCodeAt(i);
      k = unitClass[unit]!;
      if (k === UNSEEN) k = unitClass[unit] = classify(unit);
    }
    if (k > 0) {
      h = Math.imul(h ^ (k - 1), FNV_PRIME);
      inWord = true;
    } else if (k === SLOW) {
      return simhashOfWords(text);
    } else if (inWord) {
      if (++words >= SHINGLE) addShingle(tally, a, b, h);
      a = b;
      b = h;
      h = FNV_OFFSET;
      inWord = false;
    }
  }
  return words < SHINGLE ? null : fold(tally, words - SHINGLE + 1);
}

/** simhash by lower-casing the text and matching its words: for text with İ, Σ or astral characters. */
function simhashOfWords(text: string): bigint | null {
  const words = text.toLowerCase().match(WORD) ?? [];
  if (words.length < SHINGLE) return null;
  const wordHash = words.map(fnv1a);
  const tally = newTally();
  for (let i = 0; i + SHINGLE <= words.length; i++) addShingle(tally, wordHash[i]!, wordHash[i + 1]!, wordHash[i + 2]!);
  return fold(tally, words.length - SHINGLE + 1);
}

// Bit counts are kept bit-sliced, as a binary counter per bit position: bit j of plane i is bit i
// of bit j's count. Adding a 32-bit value is a few ANDs and XORs instead of a step per set bit;
// every PLANES_MAX values the planes are added into the plain counts. The counts are exact.
const PLANES = 8;
const PLANES_MAX = (1 << PLANES) - 1;
const LOW_PLANES = 64;
const HIGH_PLANES = LOW_PLANES + PLANES;
const PENDING = HIGH_PLANES + PLANES;
/** [0, 64): how many shingles set each bit; then the two halves' planes; then values not yet added. */
const newTally = (): Int32Array => new Int32Array(PENDING + 1);

// A shingle's two 32-bit halves mix its three word hashes, so no shingle string is ever built.
function addShingle(tally: Int32Array, a: number, b: number, c: number): void {
  addToPlanes(tally, LOW_PLANES, mix(Math.imul(a, 0x9e3779b1) ^ rotl(b, 11) ^ rotl(c, 22)));
  addToPlanes(tally, HIGH_PLANES, mix(Math.imul(c, 0x85ebca6b) ^ rotl(b, 7) ^ rotl(a, 19)));
  if (++tally[PENDING]! === PLANES_MAX) flushPlanes(tally);
}

function addToPlanes(tally: Int32Array, at: number, x: number): void {
  let carry = x;
  for (let i = at; carry !== 0; i++) {
    const plane = tally[i]!;
    tally[i] = plane ^ carry;
    carry = plane & carry;
  }
}

function flushPlanes(tally: Int32Array): void {
  for (let half = 0; half < 2; half++) {
    const at = half === 0 ? LOW_PLANES : HIGH_PLANES;
    for (let bit = 0; bit < 32; bit++) {
      let count = 0;
      for (let i = 0; i < PLANES; i++) count |= ((tally[at + i]! >>> bit) & 1) << i;
      tally[half * 32 + bit]! += count;
    }
    tally.fill(0, at, at + PLANES);
  }
  tally[PENDING] = 0;
}

/** A bit is set when more than half of the shingles set it. */
function fold(tally: Int32Array, shingles: number): bigint {
  flushPlanes(tally);
  let value = 0n;
  for (let bit = 63; bit >= 0; bit--) value = (value << 1n) | (tally[bit]! * 2 > shingles ? 1n : 0n);
  return BigInt.asIntN(64, value);
}

const rotl = (x: number, r: number) => (x << r) | (x >>> (32 - r));

// murmur3's finaliser: every input bit moves every output bit.
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

// 32-bit FNV-1a of one word: cheap and well spread.
function fnv1a(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h;
}

/**
 * The simhash cut into four 16-bit bands, each tagged with its position (band * 65536 + value).
 * Two simhashes within 3 bits of each other share at least one band.
 */
export function simhashBands(hash: bigint): number[] {
  const u = BigInt.asUintN(64, hash);
  return [0, 1, 2, 3].map((band) => band * 65_536 + Number((u >> BigInt(band * 16)) & 0xffffn));
}

/** Number of differing bits between two simhashes. */
export function hammingDistance(a: bigint, b: bigint): number {
  let x = BigInt.asUintN(64, a ^ b);
  let n = 0;
  while (x) {
    x &= x - 1n;
    n++;
  }
  return n;
}
