// Percentiles from a weighted histogram (value, count), with Postgres percentile_cont's
// definition: the value at position p * (n - 1) of the sorted list, interpolated linearly.

export interface WeightedValue {
  value: number;
  count: number;
}

/** The p-th percentile (0..1) of the values, each repeated `count` times; null when there are none. */
export function weightedPercentile(values: readonly WeightedValue[], p: number): number | null {
  const sorted = values.filter((v) => v.count > 0).toSorted((a, b) => a.value - b.value);
  const n = sorted.reduce((s, v) => s + v.count, 0);
  if (n === 0) return null;
  const pos = p * (n - 1);
  const lo = valueAt(sorted, Math.floor(pos));
  const hi = valueAt(sorted, Math.ceil(pos));
  return lo + (hi - lo) * (pos - Math.floor(pos));
}

// The value at 0-based index i of the expanded list.
function valueAt(sorted: readonly WeightedValue[], i: number): number {
  let seen = 0;
  for (const v of sorted) {
    seen += v.count;
    if (i < seen) return v.value;
  }
  return sorted[sorted.length - 1]!.value;
}

/** n, p25, p50, p75 of one group's histogram. */
export function summarise(values: readonly WeightedValue[]): { n: number; p25: number | null; p50: number | null; p75: number | null } {
  return {
    n: values.reduce((s, v) => s + v.count, 0),
    p25: weightedPercentile(values, 0.25),
    p50: weightedPercentile(values, 0.5),
    p75: weightedPercentile(values, 0.75),
  };
}
