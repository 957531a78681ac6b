import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectSeniority } from '../../../src/classify/seniority.ts';
import { tokenize } from '../../../src/classify/tokenize.ts';

// Pieces of the phrases the description patterns look for, and what may stand around them.
const PIECES = ['entry', 'Entry', 'level', '-', ' ', ' ', 'new', 'NEW', 'grad', 'grads', 'recent', 'graduate', 'graduates', 'no', 'No', 'prior', 'experience', 'is', 'required', 'needed',
  '3', '5+', '12', 'years', 'yrs', 'year', 'ago', 'of', 'x', 'é', 'İ', '_', '.', '\n', 'K', '\u212a', 'pianno', 'renew'];
const texts = fc.array(fc.constantFrom(...PIECES), { maxLength: 24 }).map((ps) => ps.join(''));

describe('detectSeniority', () => {
  it('reads the description the same from its tokens as from the whole text', () => {
    fc.assert(fc.property(texts, (text) => {
      expect(detectSeniority('Engineer', text, tokenize(text))).toBe(detectSeniority('Engineer', text));
    }), { numRuns: 3000 });
  });

  it('finds junior phrasing anywhere in a long description, and not where it is not', () => {
    const filler = 'We build data pipelines with Python and Spark. '.repeat(100);
    for (const phrase of ['Entry-level role', 'new grads welcome', 'Recent graduates', 'No prior experience is required', 'renew grads']) {
      const text = `${filler}${phrase}.${filler}`;
      expect(detectSeniority('Engineer', text, tokenize(text))).toBe(phrase === 'renew grads' ? null : 'junior');
    }
    expect(detectSeniority('Engineer', filler, tokenize(filler))).toBeNull();
  });
});
