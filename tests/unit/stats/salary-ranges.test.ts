import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeBands, monthsBetween, rangesTouching, salaryRanges } from '../../../src/stats/salary-ranges.ts';
import type { GroupMonths } from '../../../src/stats/salary-ranges.ts';

const MONTHS = ['2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01', '2026-03-01'];

describe('rangesTouching', () => {
  it('gives every range of the span that holds a dirty month, up to the longest kept', () => {
    const span = { first: '2025-11-01', last: '2026-02-01' };
    expect(rangesTouching(span, ['2026-02-01'], 24)).toEqual([
      { first: '2025-11-01', last: '2026-02-01' },
      { first: '2025-12-01', last: '2026-02-01' },
      { first: '2026-01-01', last: '2026-02-01' },
      { first: '2026-02-01', last: '2026-02-01' },
    ]);
    expect(rangesTouching(span, ['2025-12-01'], 2)).toEqual([
      { first: '2025-11-01', last: '2025-12-01' },
      { first: '2025-12-01', last: '2025-12-01' },
      { first: '2025-12-01', last: '2026-01-01' },
    ]);
    expect(rangesTouching(span, ['2024-01-01'], 24)).toEqual([]);
    expect(monthsBetween('2025-11-01', '2026-02-01')).toHaveLength(4);
  });
});

const histogram = fc
  .uniqueArray(fc.integer({ min: 100, max: 400 }), { maxLength: 6 })
  .chain((amounts) => fc.tuple(fc.constant(amounts.sort((a, b) => a - b).map((a) => a * 500)), fc.array(fc.integer({ min: 1, max: 4 }), { minLength: amounts.length, maxLength: amounts.length })));

const groups: fc.Arbitrary<GroupMonths[]> = fc.array(
  fc.record({
    group: fc.constantFrom('python', 'DE', 'senior', 'full-stack'),
    currency: fc.constantFrom('EUR', 'USD'),
    months: fc.uniqueArray(fc.constantFrom(...MONTHS), { maxLength: 4 }).chain((months) =>
      fc.tuple(...months.map((month) => histogram.map(([amounts, counts]) => ({ month, amounts, counts })))).map((m) => m.filter((x) => x.amounts.length > 0)),
    ),
  }),
  { maxLength: 5 },
).map((gs) => [...new Map(gs.map((g) => [`${g.group} ${g.currency}`, g])).values()]);

describe('salaryRanges', () => {
  it('equals merging the month histograms of each range directly', () => {
    fc.assert(
      fc.property(groups, (gs) => {
        const ranges = rangesTouching({ first: MONTHS[0]!, last: MONTHS[MONTHS.length - 1]! }, MONTHS, 24);
        const got = salaryRanges(gs, ranges);
        expect(got.size).toBe(ranges.length);
        for (const r of ranges) expect(got.get(`${r.first}|${r.last}`), `${r.first}..${r.last}`).toEqual(mergeBands(gs, r));
      }),
    );
  });

  it('computes percentiles across months like one histogram', () => {
    const gs: GroupMonths[] = [
      { group: 'python', currency: 'EUR', months: [{ month: MONTHS[0]!, amounts: [50_000], counts: [1] }, { month: MONTHS[2]!, amounts: [70_000], counts: [1] }] },
      { group: 'python', currency: 'USD', months: [{ month: MONTHS[1]!, amounts: [100_000, 120_000], counts: [2, 1] }] },
    ];
    const got = salaryRanges(gs, [{ first: MONTHS[0]!, last: MONTHS[2]! }, { first: MONTHS[3]!, last: MONTHS[4]! }]);
    expect(got.get(`${MONTHS[0]}|${MONTHS[2]}`)).toEqual([
      ['python', 'USD', 3, 100_000, 100_000, 110_000],
      ['python', 'EUR', 2, 55_000, 60_000, 65_000],
    ]);
    expect(got.get(`${MONTHS[3]}|${MONTHS[4]}`)).toEqual([]);
  });
});
