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

/**
 * 64-bit simhash of the text's word 3-shingles, as a signed bigint (Postgres bigint). Texts
 * that differ by a few words differ in a few bits; unrelated texts in about 32.
 */
export function simhash(text: string): bigint | null {
  const words = normalizeKey(text).split(' ').filter(Boolean);
  if (words.length < SHINGLE) return null;
  const weights = new Int32Array(64);
  for (let i = 0; i + SHINGLE <= words.length; i++) {
    const shingle = `${words[i]} ${words[i + 1]} ${words[i + 2]}`;
    const hi = fnv1a(shingle, 0x811c9dc5);
    const lo = fnv1a(shingle, 0x050c5d1f);
    for (let b = 0; b < 32; b++) {
      weights[b]! += (hi >>> b) & 1 ? 1 : -1;
      weights[b + 32]! += (lo >>> b) & 1 ? 1 : -1;
    }
  }
  let value = 0n;
  for (let b = 63; b >= 0; b--) value = (value << 1n) | (weights[b]! > 0 ? 1n : 0n);
  return BigInt.asIntN(64, value);
}

// 32-bit FNV-1a: cheap and well spread; two seeds make 64 bits (a crypto hash is 5x slower here).
function fnv1a(s: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
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
