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

/**
 * n, p25, p50, p75 of one group's histogram (the same figures as weightedPercentile), sorting
 * once: a salary table merges thousands of these per request.
 */
export function summarise(values: readonly WeightedValue[]): { n: number; p25: number | null; p50: number | null; p75: number | null } {
  const sorted = values.filter((v) => v.count > 0).toSorted((a, b) => a.value - b.value);
  const n = sorted.reduce((s, v) => s + v.count, 0);
  if (n === 0) return { n: 0, p25: null, p50: null, p75: null };
  // The 0-based indexes the percentiles need, ascending; one walk finds their values.
  const ps = [0.25, 0.5, 0.75];
  const wanted = [...new Set(ps.flatMap((p) => [Math.floor(p * (n - 1)), Math.ceil(p * (n - 1))]))].sort((a, b) => a - b);
  const found = new Map<number, number>();
  let seen = 0;
  let k = 0;
  for (const v of sorted) {
    seen += v.count;
    while (k < wanted.length && wanted[k]! < seen) found.set(wanted[k++]!, v.value);
    if (k === wanted.length) break;
  }
  const at = (i: number) => {
    const pos = ps[i]! * (n - 1);
    const lo = found.get(Math.floor(pos))!;
    return lo + (found.get(Math.ceil(pos))! - lo) * (pos - Math.floor(pos));
  };
  return { n, p25: at(0), p50: at(1), p75: at(2) };
}
