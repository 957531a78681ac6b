// Property tests of the salary parser: any text or structured value gives null or a well-formed
// Salary, quickly; and salaries written the ways postings write them read back as written.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ISO_CODES } from '../../../src/ingest/parse/currency.ts';
import { MONEY_SOURCE, moneyMatches, parseSalaryText, salaryFromStructured } from '../../../src/ingest/parse/salary.ts';
import type { Salary, SalaryPeriod } from '../../../src/types.ts';

const PER_YEAR: Record<SalaryPeriod, number> = { hour: 2080, day: 260, week: 52, month: 12, year: 1 };
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
// A generous bound (the machine may be busy): one input is a few hundred characters and takes
// microseconds; a regex that backtracks catastrophically takes seconds.
const DEADLINE_MS = 1_000;

/** Runs fn and fails when it takes longer than the deadline (a hang shows up as a failure, not a stuck run). */
function withinDeadline<T>(fn: () => T): T {
  const started = performance.now();
  const out = fn();
  expect(performance.now() - started).toBeLessThan(DEADLINE_MS);
  return out;
}

function expectWellFormed(s: Salary | null): void {
  if (s === null) return;
  for (const v of [s.min, s.max, s.annualMin, s.annualMax]) {
    if (v !== null) expect(Number.isFinite(v) && v >= 0, `amount ${v}`).toBe(true);
  }
  expect(s.min !== null || s.max !== null).toBe(true);
  if (s.min !== null && s.max !== null) expect(s.min).toBeLessThanOrEqual(s.max);
  if (s.currency !== null) expect(CURRENCIES.has(s.currency), `currency ${s.currency}`).toBe(true);
  if (s.period === null) {
    expect([s.annualMin, s.annualMax]).toEqual([null, null]);
  } else {
    expect(Object.keys(PER_YEAR)).toContain(s.period);
    const f = PER_YEAR[s.period];
    expect(s.annualMin).toBe(s.min === null ? null : Math.round(s.min * f));
    expect(s.annualMax).toBe(s.max === null ? null : Math.round(s.max * f));
  }
}

// Pieces of real salary lines, shuffled: more likely than random text to reach every branch.
const TOKENS = ['$', '£', '€', '¥', 'kr', 'US$', 'C$', 'CHF', 'EUR', 'USD', 'JPY', 'PLN', 'k', 'K', 'm', 'M', 'bn', 'thousand',
  '-', '–', ' to ', ' bis ', '~', '/', ' per ', 'hour', 'day', 'week', 'month', 'year', 'annum', 'p.a.', 'pcm', 'hourly',
  'Salary: ', 'Compensation ', 'up to ', 'from ', 'at least ', '401(k)', ' years', '%', ' + equity', ',', '.', "'", '’',
  '\u00a0', '\u202f', ' ', '\n', '(', ')', 'net', 'gross', 'brutto', 'Jahr', '2026', '1e309'];
const number = fc.oneof(fc.nat({ max: 2_000_000 }).map(String), fc.double({ min: 0, max: 1e6, noNaN: true }).map((n) => n.toFixed(2)), fc.stringMatching(/^\d{1,40}$/));
const salaryish = fc.array(fc.oneof(fc.constantFrom(...TOKENS), number), { maxLength: 30 }).map((a) => a.join(''));
const anyText = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 100 }), salaryish);
const country = fc.constantFrom(null, 'US', 'CA', 'GB', 'DE', 'SE', 'JP', 'CN', 'IN', 'xx', '');

describe('parseSalaryText on any text', () => {
  it('returns null or a well-formed salary within the deadline', () => {
    fc.assert(fc.property(anyText, country, (text, c) => expectWellFormed(withinDeadline(() => parseSalaryText(text, { country: c })))), { numRuns: 1_000 });
  });

  it('stays fast on long runs of figures and separators (no regex backtracking blow-up)', () => {
    for (const unit of ['1,000', '1 000 ', '$1-', '€1.000,00 – ', '9'.repeat(50), '1.', 'k-', ' to $']) {
      const text = unit.repeat(Math.ceil(50_000 / unit.length));
      const started = performance.now();
      expectWellFormed(parseSalaryText(text));
      expect(performance.now() - started, unit).toBeLessThan(3_000);
    }
  });
});

describe('money matches tried only just before digits', () => {
  const text = fc.oneof(anyText, fc.array(fc.oneof(salaryish, fc.string({ unit: 'grapheme', maxLength: 12 }), fc.constantFrom(' dollars ', 'rupees', 'x', 'a1', '.5', '\u00a0'))).map((a) => a.join('')));
  it('are exactly the matches of the regex run from every position', () => {
    fc.assert(fc.property(text, (t) => {
      const shape = (m: RegExpExecArray) => ({ index: m.index, text: m[0], groups: { ...m.groups } });
      expect(moneyMatches(t).map(shape)).toEqual([...t.matchAll(new RegExp(MONEY_SOURCE, 'g'))].map(shape));
    }), { numRuns: 2_000 });
  });
});

describe('salaryFromStructured on any value', () => {
  const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), number, fc.double(), fc.constantFrom(-1, Infinity, 1e308, '1e309', '-5', '', 'n/a'));
  const amount = fc.record(
    { '@type': fc.constant('MonetaryAmount'), currency: fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('usd', 'EUR', 'DOE', 'TBD', '€', '$', 'kr')), value: fc.oneof(value, fc.record({ minValue: value, maxValue: value, value, unitText: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('HOUR', 'YEAR', 'per month', 'WEEKLY', 'DAILY')) }, { requiredKeys: [] })), unitText: fc.string({ maxLength: 8 }) },
    { requiredKeys: [] },
  );
  it('returns null or a well-formed salary within the deadline', () => {
    fc.assert(
      fc.property(fc.oneof(amount, value, fc.array(amount, { maxLength: 2 })), fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom(null, 'GBP', 'xyz')), country, (base, cur, c) => {
        expectWellFormed(withinDeadline(() => salaryFromStructured(base, cur, c)));
      }),
      { numRuns: 1_000 },
    );
  });

  it('reads a range written the wrong way round as the same range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500_000 }), fc.integer({ min: 1, max: 500_000 }), (a, b) => {
        const s = salaryFromStructured({ currency: 'EUR', value: { minValue: a, maxValue: b, unitText: 'YEAR' } });
        expect(s).toMatchObject({ min: Math.min(a, b), max: Math.max(a, b), currency: 'EUR', period: 'year' });
      }),
    );
  });
});

describe('salaries read back as written', () => {
  const SYMBOL = fc.constantFrom(['$', 'USD'], ['£', 'GBP'], ['€', 'EUR'], ['US$', 'USD'], ['C$', 'CAD'], ['A$', 'AUD']);
  const range = (lo: number, hi: number) => fc.tuple(fc.integer({ min: lo, max: hi }), fc.integer({ min: lo, max: hi })).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);

  it('"$120k-$150k": k ranges with a symbol on each end', () => {
    fc.assert(
      fc.property(SYMBOL, range(20, 900), fc.constantFrom('-', ' - ', '–', ' to '), fc.constantFrom('k', 'K'), ([sym, code], [a, b], dash, k) => {
        const s = parseSalaryText(`${sym}${a}${k}${dash}${sym}${b}${k}`);
        expect(s).toEqual({ min: a * 1000, max: b * 1000, currency: code, period: 'year', annualMin: a * 1000, annualMax: b * 1000 });
      }),
    );
  });

  it('"£50,000 - £60,000 per annum": grouped figures with a stated period', () => {
    const PERIOD = fc.constantFrom<[string, SalaryPeriod]>(['per hour', 'hour'], ['an hour', 'hour'], ['/hour', 'hour'], ['per day', 'day'], ['per week', 'week'], ['per month', 'month'], ['/month', 'month'], ['per year', 'year'], ['per annum', 'year'], ['a year', 'year']);
    fc.assert(
      fc.property(SYMBOL, range(5, 999_999), PERIOD, fc.boolean(), ([sym, code], [a, b], [words, period], single) => {
        const fmt = (n: number) => n.toLocaleString('en-US');
        const text = single ? `${sym}${fmt(a)} ${words}` : `${sym}${fmt(a)} - ${sym}${fmt(b)} ${words}`;
        const max = single ? a : b;
        expect(parseSalaryText(text)).toEqual({ min: a, max, currency: code, period, annualMin: Math.round(a * PER_YEAR[period]), annualMax: Math.round(max * PER_YEAR[period]) });
      }),
    );
  });

  it('"80-100k EUR": the multiplier and an ISO code written once, after the range', () => {
    const HIGH = new Set(['JPY', 'KRW', 'INR', 'IDR', 'VND', 'HUF', 'CLP', 'COP', 'ISK', 'PKR', 'LKR', 'NGN', 'PHP', 'TWD', 'CZK', 'RUB']);
    fc.assert(
      fc.property(fc.constantFrom(...ISO_CODES), range(10, 900), (code, [a, b]) => {
        const s = parseSalaryText(`${a}-${b}k ${code}`);
        // Without a stated period, a five-figure amount is yearly, except in currencies where
        // monthly pay runs to five figures too.
        const period = HIGH.has(code) ? null : 'year';
        expect(s).toEqual({ min: a * 1000, max: b * 1000, currency: code, period, annualMin: period && a * 1000, annualMax: period && b * 1000 });
      }),
    );
  });

  it('"65.000 € – 75.000 € brutto/Jahr": German grouping and a symbol after the figure', () => {
    fc.assert(
      fc.property(range(10_000, 999_999), ([a, b]) => {
        const fmt = (n: number) => n.toLocaleString('de-DE');
        expect(parseSalaryText(`Gehalt: ${fmt(a)} € – ${fmt(b)} € brutto/Jahr`)).toEqual({ min: a, max: b, currency: 'EUR', period: 'year', annualMin: a, annualMax: b });
      }),
    );
  });

  it('"$25.50/hour": hourly rates with cents', () => {
    fc.assert(
      fc.property(fc.integer({ min: 500, max: 50_000 }), (cents) => {
        const text = `$${(cents / 100).toFixed(2)}/hour`;
        const rate = Number((cents / 100).toFixed(2));
        expect(parseSalaryText(text)).toEqual({ min: rate, max: rate, currency: 'USD', period: 'hour', annualMin: Math.round(rate * 2080), annualMax: Math.round(rate * 2080) });
      }),
    );
  });
});

describe('structured currencies', () => {
  it('takes any ISO 4217 code in any case, and no three letters that are not one', () => {
    expect(salaryFromStructured({ currency: 'kzt', value: 500_000 })?.currency).toBe('KZT');
    expect(salaryFromStructured({ currency: 'DOE', value: 500_000 })?.currency).toBeNull();
    expect(salaryFromStructured(90_000, 'TBD')?.currency).toBeNull();
  });
});
