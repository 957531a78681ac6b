// collapse() answers from one regex test whether a text needs any change; whatever the text, its
// result must be what the full replace-and-trim gives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collapse } from '../../../src/ingest/parse/dom.ts';

const reference = (s: string): string => s.replace(/\s{2,}|[^\S ]/g, ' ').trim();
const spacey = fc
  .array(fc.oneof(fc.constantFrom(' ', '  ', '\n', '\t', '\r\n', '\u00a0', '\u2003', '\u3000', '\ufeff', '\u200b', '\u1680', '\u2028', 'a', 'Zürich', '·'),
    fc.string({ maxLength: 5 })), { maxLength: 20 })
  .map((parts) => parts.join(''));

describe('collapse', () => {
  it('equals replacing whitespace runs and trimming, on any text', () => {
    fc.assert(fc.property(fc.oneof(spacey, fc.string({ unit: 'binary', maxLength: 60 })), (s) => {
      expect(collapse(s)).toBe(reference(s));
    }), { numRuns: 3_000 });
  });

  it('returns text that needs nothing unchanged, and collapses the rest', () => {
    expect(collapse('Berlin, Germany')).toBe('Berlin, Germany');
    expect(collapse(' Berlin,\n\t Germany\u00a0')).toBe('Berlin, Germany');
    expect(collapse('a  b')).toBe('a b');
    expect(collapse('')).toBe('');
  });
});
