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

/**
 * 64-bit simhash of the text's word 3-shingles, as a signed bigint (Postgres bigint). Texts
 * that differ by a few words differ in a few bits; unrelated texts in about 32.
 */
export function simhash(text: string): bigint | null {
  // Lower-cased word runs are enough here: accents and punctuation change few shingles, and
  // normalizeKey's Unicode normalisation would cost as much as the hashing.
  const words = text.toLowerCase().match(WORD) ?? [];
  if (words.length < SHINGLE) return null;
  // Each word is hashed once; a shingle's two 32-bit halves mix its three word hashes, so no
  // shingle string is ever built (this runs on every posting written).
  const wordHash = words.map(fnv1a);
  const shingles = words.length - SHINGLE + 1;
  const ones = new Int32Array(64);
  for (let i = 0; i < shingles; i++) {
    const a = wordHash[i]!;
    const b = wordHash[i + 1]!;
    const c = wordHash[i + 2]!;
    countBits(ones, 0, mix(Math.imul(a, 0x9e3779b1) ^ rotl(b, 11) ^ rotl(c, 22)));
    countBits(ones, 32, mix(Math.imul(c, 0x85ebca6b) ^ rotl(b, 7) ^ rotl(a, 19)));
  }
  // A bit is set when more than half of the shingles set it.
  let value = 0n;
  for (let bit = 63; bit >= 0; bit--) value = (value << 1n) | (ones[bit]! * 2 > shingles ? 1n : 0n);
  return BigInt.asIntN(64, value);
}

function countBits(ones: Int32Array, offset: number, x: number): void {
  while (x !== 0) {
    const low = x & -x;
    ones[offset + 31 - Math.clz32(low)]!++;
    x ^= low;
  }
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
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
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
