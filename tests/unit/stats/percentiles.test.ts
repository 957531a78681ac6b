import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summarise, weightedPercentile } from '../../../src/stats/percentiles.ts';

// percentile_cont over the expanded list, the definition the weighted version must match.
function percentileCont(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const pos = p * (s.length - 1);
  const lo = s[Math.floor(pos)]!;
  const hi = s[Math.ceil(pos)]!;
  return lo + (hi - lo) * (pos - Math.floor(pos));
}

describe('weightedPercentile', () => {
  it('interpolates like percentile_cont', () => {
    expect(summarise([{ value: 50_000, count: 1 }, { value: 70_000, count: 1 }])).toEqual({ n: 2, p25: 55_000, p50: 60_000, p75: 65_000 });
    expect(weightedPercentile([], 0.5)).toBeNull();
  });

  it('equals percentile_cont of the expanded list for any histogram', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ value: fc.integer({ min: 0, max: 500 }), count: fc.integer({ min: 0, max: 5 }) }), { maxLength: 20 }), fc.constantFrom(0.25, 0.5, 0.75), (hist, p) => {
        const expanded = hist.flatMap((h) => Array<number>(h.count).fill(h.value));
        const got = weightedPercentile(hist, p);
        const want = percentileCont(expanded, p);
        if (want === null) expect(got).toBeNull();
        else expect(got).toBeCloseTo(want, 9);
      }),
    );
  });
});

describe('summarise', () => {
  it('gives exactly weightedPercentile at 0.25, 0.5 and 0.75, and the count', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ value: fc.integer({ min: 0, max: 300 }).map((v) => v * 100), count: fc.integer({ min: 0, max: 4 }) }), { maxLength: 30 }), (hist) => {
        expect(summarise(hist)).toEqual({
          n: hist.reduce((s, h) => s + h.count, 0),
          p25: weightedPercentile(hist, 0.25),
          p50: weightedPercentile(hist, 0.5),
          p75: weightedPercentile(hist, 0.75),
        });
      }),
    );
  });
});
