// simhash values are stored in Postgres and compared with new ones, so the one-pass simhash must
// give exactly what the word-array reading it replaced gave, on every input. That reading is
// kept here, verbatim, as the reference.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simhash } from '../../../src/ingest/fingerprint.ts';

const WORD = /[\p{L}\p{N}]+/gu;

function referenceSimhash(text: string): bigint | null {
  const words = text.toLowerCase().match(WORD) ?? [];
  if (words.length < 3) return null;
  const wordHash = words.map(fnv1a);
  const shingles = words.length - 3 + 1;
  const ones = new Int32Array(64);
  for (let i = 0; i < shingles; i++) {
    const a = wordHash[i]!;
    const b = wordHash[i + 1]!;
    const c = wordHash[i + 2]!;
    countBits(ones, 0, mix(Math.imul(a, 0x9e3779b1) ^ rotl(b, 11) ^ rotl(c, 22)));
    countBits(ones, 32, mix(Math.imul(c, 0x85ebca6b) ^ rotl(b, 7) ^ rotl(a, 19)));
  }
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

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

// Characters where lower-casing or word matching is unusual: İ (two units when lower-cased),
// Σ (final sigma depends on its neighbours), ß, the Kelvin sign, ligatures, other scripts' digits,
// Roman numerals, circled letters, astral letters and emoji, lone surrogates, combining marks.
const TRICKY = ['İ', 'ı', 'Σ', 'σ', 'ς', 'ß', 'ẞ', '\u212a', 'ﬁ', 'Ǆ', 'ǅ', '٣', 'Ⅻ', 'Ⓐ', '𝐀', '𐐀', '😀', '\ud800', '\udc00',
  'e\u0301', '\u0301', '’', '–', '•', '€', '\u00a0', '\u3000', 'Ü', 'ö', 'Ё', 'Ω', '中', 'ー'];
const WORDS = ['Python', 'DJANGO', 'postgres', 'Kubernetes', 'we', 'are', 'looking', 'for', 'an', 'Engineer', 'München',
  'Zürich', 'İstanbul', 'ΣΟΦΙΑ', 'ΟΔΟΣ', 'you’ll', 'C++', 'Node.js', '5+', 'years', '€60k', 'Ärzte', 'naïve', 'café', 'x86_64'];
const SEPARATORS = [' ', '  ', '\n', ', ', '. ', ' – ', ' • ', '/', '-', '\t', ''];

const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const realistic = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom(...TRICKY), fc.string({ unit: 'grapheme', maxLength: 6 })),
    fc.constantFrom(...SEPARATORS)), { maxLength: 80 })
  .map((parts) => parts.map(([w, s]) => w + s).join(''));

describe('simhash equals the word-array reading', () => {
  it('on arbitrary unicode strings, lone surrogates included', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: anyUnit, maxLength: 200 }),
      fc.string({ unit: 'grapheme', maxLength: 200 })), (s) => {
      expect(simhash(s)).toBe(referenceSimhash(s));
    }), { numRuns: 2_000 });
  });

  it('on realistic posting text in several languages and scripts', () => {
    fc.assert(fc.property(realistic, (s) => {
      expect(simhash(s)).toBe(referenceSimhash(s));
    }), { numRuns: 2_000 });
  });

  it('for every UTF-16 unit inside a word, starting one, alone and upper-cased around it', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const u = String.fromCharCode(c);
      const s = `alpha ${u}beta GA${u}MMA ${u} delta eps${u}`;
      if (simhash(s) !== referenceSimhash(s)) expect({ unit: c.toString(16), got: simhash(s) }).toEqual({ unit: c.toString(16), got: referenceSimhash(s) });
    }
  });

  it('on a long description, and null below three words', () => {
    const text = 'We build payment APIs in Python and PostgreSQL; you’ll own their reliability – on-call is shared. '.repeat(60);
    expect(simhash(text)).toBe(referenceSimhash(text));
    expect(simhash(text)).not.toBeNull();
    expect(simhash('two words')).toBeNull();
    // lower-cased, İ is "i" and a combining dot: three words, as the word-array reading saw it
    expect(simhash('İki kelime')).toBe(referenceSimhash('İki kelime'));
    expect(simhash('İki kelime')).not.toBeNull();
    expect(simhash('')).toBeNull();
  });
});
