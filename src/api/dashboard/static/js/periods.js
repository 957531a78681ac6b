// Period arithmetic for the time axis, in UTC to match the API's dates. Pure.

const DAY_MS = 86_400_000;

const parse = (iso) => new Date(`${iso}T00:00:00Z`);
const iso = (d) => d.toISOString().slice(0, 10);

/** The first day of the period holding `day` (weeks start on Monday, as Postgres date_trunc). */
export function periodStart(day, interval) {
  const d = parse(day);
  if (interval === 'month') return iso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)));
  if (interval === 'week') return iso(new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY_MS));
  return iso(d);
}

/** Every period start from the period of `from` to that of `to`, so quiet periods show as zero, not as gaps. */
export function periodsBetween(from, to, interval, max = 1000) {
  const out = [];
  let d = parse(periodStart(from, interval));
  const end = parse(to);
  while (d <= end && out.length < max) {
    out.push(iso(d));
    d = interval === 'month' ? new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)) : new Date(d.getTime() + (interval === 'week' ? 7 : 1) * DAY_MS);
  }
  return out;
}

/** Rows of { period, key, value } as one series per key over `periods` (missing points are 0). */
export function toSeries(rows, periods, keyOf, valueOf) {
  const index = new Map(periods.map((p, i) => [p, i]));
  const series = new Map();
  for (const row of rows) {
    const key = keyOf(row);
    if (!series.has(key)) series.set(key, new Array(periods.length).fill(0));
    const i = index.get(row.period);
    if (i !== undefined) series.get(key)[i] = valueOf(row);
  }
  return series;
}

/**
 * A trend response (rows of { period, count, share } per key) over its whole range: the periods
 * from meta.from to meta.to (else its first and last rows), one series per key of `measure`
 * ('count' or 'share'), and each key's total count.
 */
export function trendSeries(data, meta, interval, keyOf, measure) {
  const from = meta.from ?? data[0].period;
  const to = meta.to ?? data[data.length - 1].period;
  const periods = periodsBetween(from, to, interval);
  const series = toSeries(data, periods, keyOf, (r) => r[measure]);
  const totals = new Map();
  for (const r of data) totals.set(keyOf(r), (totals.get(keyOf(r)) ?? 0) + r.count);
  return { from, to, periods, series, totals };
}
