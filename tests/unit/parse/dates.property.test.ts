// Property tests of the date parser: any value gives null or a real ISO date in the years
// postings are dated, quickly and without throwing; dates written the common ways read back.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { relativeDate, toIsoDate } from '../../../src/ingest/parse/dates.ts';
import { parsePosting } from '../../../src/ingest/parse/index.ts';

const DEADLINE_MS = 1_000;
const DAY_MS = 86_400_000;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Fails unless `out` is null or a real calendar date, YYYY-MM-DD, between 1990 and 2100. */
function expectIsoDate(out: string | null): void {
  if (out === null) return;
  expect(out).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(new Date(`${out}T00:00:00Z`).toISOString().slice(0, 10)).toBe(out);
  const year = Number(out.slice(0, 4));
  expect(year >= 1990 && year <= 2100, out).toBe(true);
}

function timed<T>(fn: () => T): T {
  const started = performance.now();
  const out = fn();
  expect(performance.now() - started).toBeLessThan(DEADLINE_MS);
  return out;
}

const fetchedAt = fc.date({ min: new Date('1995-01-01'), max: new Date('2095-12-31'), noInvalidDate: true });
const day = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => ({
  y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), iso: d.toISOString().slice(0, 10),
}));
const two = (n: number) => String(n).padStart(2, '0');

// Pieces of the date forms the parser reads, shuffled with numbers of every size.
const TOKENS = ['-', '/', '.', ' ', ',', 'T', 'Z', '+', ':', 'st', 'th', 'Jan', 'May', 'märz', 'Dezember', 'September', 'ago', 'days', 'day',
  'weeks', 'months', 'years', 'hours', 'a ', 'an ', 'one ', 'today', 'yesterday', 'vor ', 'Tagen', 'Wochen', 'einem', 'Posted ', '30+ '];
const numbers = fc.oneof(fc.nat({ max: 40 }), fc.integer({ min: 1900, max: 2200 }), fc.nat(), fc.stringMatching(/^\d{1,20}$/));
const dateish = fc.array(fc.oneof(fc.constantFrom(...TOKENS), numbers.map(String)), { maxLength: 12 }).map((a) => a.join(''));

describe('toIsoDate on any value', () => {
  it('returns null or a valid ISO date in range, without throwing, within the deadline', () => {
    const value = fc.oneof(fc.string({ maxLength: 120 }), dateish, fc.double(), fc.integer(), fc.anything({ maxDepth: 1 }),
      fc.constantFrom(0, -1, 1e11, 8.64e15, 8.64e15 + 1, -8.64e15, Number.MAX_VALUE, 'Posted 999999999 days ago', '300000 years ago', '100 years ago'));
    fc.assert(fc.property(value, fetchedAt, (v, at) => expectIsoDate(timed(() => toIsoDate(v, at)))), { numRuns: 1_000 });
  });

  it('counts any number of units back without throwing (an out-of-range result is null)', () => {
    const unit = fc.constantFrom('second', 'minute', 'hour', 'day', 'week', 'month', 'year');
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,30}$/), unit, fetchedAt, (n, u, at) => {
        expectIsoDate(toIsoDate(`Posted ${n} ${u}s ago`, at));
        expectIsoDate(relativeDate(`vor ${n} Tagen`, at));
      }),
    );
  });
});

describe('dates read back as written', () => {
  it('ISO dates and timestamps keep the date as written', () => {
    fc.assert(
      fc.property(day, fc.constantFrom('', 'T00:00:00Z', 'T23:59:59-11:00', 'T11:55:32+14:00', 'T08:00:00.000Z'), (d, time) => {
        expect(toIsoDate(`${d.iso}${time}`)).toBe(d.iso);
      }),
    );
  });

  it('"July 15, 2026", "15 Jul 2026", "15.07.2026" and "07/15/2026"', () => {
    fc.assert(
      fc.property(day, fetchedAt, (d, at) => {
        const name = MONTHS[d.m - 1]!;
        expect(toIsoDate(`${name} ${d.d}, ${d.y}`, at)).toBe(d.iso);
        expect(toIsoDate(`${d.d} ${name.slice(0, 3)} ${d.y}`, at)).toBe(d.iso);
        expect(toIsoDate(`${two(d.d)}.${two(d.m)}.${d.y}`, at)).toBe(d.iso);
        expect(toIsoDate(`${two(d.m)}/${two(d.d)}/${d.y}`, at)).toBe(d.iso);
        // Day first is read as such when the day cannot be a month.
        if (d.d > 12) expect(toIsoDate(`${d.d}/${d.m}/${d.y}`, at)).toBe(d.iso);
      }),
    );
  });

  it('epoch seconds and milliseconds give the UTC date', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-12-31T23:59:59Z'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        expect(toIsoDate(d.getTime())).toBe(iso);
        expect(toIsoDate(Math.floor(d.getTime() / 1000))).toBe(iso);
      }),
    );
  });

  it('"N days ago" counts back from the fetch time', () => {
    fc.assert(
      fc.property(fc.nat({ max: 3_000 }), fetchedAt, (n, at) => {
        const expected = new Date(at.getTime() - n * DAY_MS).toISOString().slice(0, 10);
        expect(toIsoDate(`Posted ${n} days ago`, at)).toBe(expected >= '1990' ? expected : null);
      }),
    );
  });
});

describe('a hostile date on a page', () => {
  it('"Posted 999999999 days ago" leaves the date unknown instead of failing the whole parse', () => {
    // toISOString() of a date before year -271821 throws RangeError: this used to crash parsePosting.
    const html = '<html><body><h1>Data Engineer</h1><p>Posted 999999999 days ago</p><p>Python and SQL.</p></body></html>';
    const ld = `<script type="application/ld+json">${JSON.stringify({ '@type': 'JobPosting', title: 'T', description: 'Python', datePosted: 9e15, validThrough: '300000 years ago' })}</script>`;
    expect(parsePosting(html).datePosted).toBeNull();
    expect(parsePosting(ld)).toMatchObject({ datePosted: null, validThrough: null });
  });
});
