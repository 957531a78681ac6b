// Number formatting for labels and tables. Pure.

const intFmt = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

/** 1234 -> "1,234". */
export const int = (n) => (n == null ? '–' : intFmt.format(n));

/** 0.1234 -> "12.3%". */
export const pct = (n, digits = 1) => (n == null ? '–' : `${(n * 100).toFixed(digits)}%`);

/** 1.234 -> "1.23" (lift). */
export const ratio = (n) => (n == null ? '–' : n.toFixed(2));

/** Growth as a signed percentage: 0.25 -> "+25%". */
export const growth = (n) => (n == null ? '–' : `${n > 0 ? '+' : ''}${Math.round(n * 100)}%`);

/** An amount in its own currency, without fractions: (72000, 'EUR') -> "€72,000". */
export function money(n, currency) {
  if (n == null) return '–';
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency, maximumFractionDigits: 0 }).format(n);
  } catch {
    return `${intFmt.format(n)} ${currency ?? ''}`.trim();
  }
}

/** A posting's salary as written: "€70,000–€90,000 per year". */
export function salaryText(s) {
  if (!s || (s.min == null && s.max == null)) return null;
  const cur = s.currency;
  const range = s.min != null && s.max != null && s.min !== s.max ? `${money(s.min, cur)}–${money(s.max, cur)}` : money(s.min ?? s.max, cur);
  const unit = s.currency ? range : `${range} (currency not stated)`;
  return s.period ? `${unit} per ${s.period}` : unit;
}

/** Rows grouped by currency, each list in its original order; currencies sorted by row count. */
export function byCurrency(rows) {
  const groups = new Map();
  for (const r of rows) {
    const key = r.currency ?? '?';
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(r);
  }
  return [...groups.entries()].sort((a, b) => b[1].length - a[1].length);
}

const dayFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const monthFmt = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** A period's axis label: "7 Sep" for days and weeks, "Sep 2026" for months. */
export function periodLabel(period, interval) {
  if (!period) return '';
  const d = new Date(`${period}T00:00:00Z`);
  return interval === 'month' ? monthFmt.format(d) : dayFmt.format(d);
}

/** "api-integration" -> "Api integration" for ids no taxonomy names. */
export const humanize = (id) => (id ? id.charAt(0).toUpperCase() + id.slice(1).replaceAll('-', ' ') : '');
