// The statistics filters as applied: defaults filled in, the one dimension filter picked out,
// date ranges snapped where a rollup is kept per month. Pure: the routes validate, this decides.

/** Dimension filters; each rollup row answers at most one of them (f_kind/f_val). */
export const FACET_KINDS = ['role', 'skill', 'industry', 'company', 'country', 'workplace', 'seniority', 'source'] as const;
export type FacetKind = (typeof FACET_KINDS)[number];

export interface Facet {
  kind: FacetKind | '';
  value: string;
}

export interface RawFilters {
  from?: string | undefined;
  to?: string | undefined;
  role?: string | undefined;
  skill?: string | undefined;
  industry?: string | undefined;
  company?: string | undefined;
  country?: string | undefined;
  workplace?: string | undefined;
  seniority?: string | undefined;
  source?: string | undefined;
  count?: 'postings' | 'unique' | undefined;
  open?: 'all' | 'open' | undefined;
}

/** One value (or null) per dimension filter. */
export type FacetValues = Record<FacetKind, string | null>;

export interface AppliedFilters extends FacetValues {
  from: string;
  to: string;
  count: 'postings' | 'unique';
  open: 'all' | 'open';
}

/** What a rollup query needs: the date range, the one facet, and the two flags. */
export interface RollupQuery {
  from: string;
  to: string;
  facet: Facet;
  unique: boolean;
  openOnly: boolean;
}

/** A 400 naming the field, thrown by pure code; the routes turn it into a problem. */
export class FilterError extends Error {
  override name = 'FilterError';
}

const DAY_MS = 86_400_000;
export const DEFAULT_WEEKS = 12;

/** YYYY-MM-DD of a Date, in UTC. */
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

// Dates as day numbers (days since 1970-01-01) with civil-calendar arithmetic on integers (H.
// Hinnant's days_from_civil and back): a skill series or top-skills request walks a few hundred
// days, and Date.parse + toISOString per step was ~15% of the API's CPU on those misses.

/** Days since 1970-01-01 of a YYYY-MM-DD (a day past the month's end rolls over, as Date.parse does). */
export function dayNumber(day: string): number {
  const m = Number(day.slice(5, 7));
  const y = Number(day.slice(0, 4)) - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + Number(day.slice(8, 10)) - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

/** The YYYY-MM-DD of a day number. */
export function dayString(n: number): string {
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

// 0 = Sunday .. 6 = Saturday, as getUTCDay (1970-01-01 was a Thursday).
const weekday = (n: number) => (((n + 4) % 7) + 7) % 7;

// The day number of the first day of the month after the one holding day number `n`.
function nextMonthStart(n: number): number {
  const s = dayString(n);
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  return dayNumber(m === 12 ? `${String(y + 1).padStart(4, '0')}-01-01` : `${s.slice(0, 4)}-${m < 9 ? '0' : ''}${m + 1}-01`);
}

/** `day` plus `n` days. */
export function addDays(day: string, n: number): string {
  return dayString(dayNumber(day) + n);
}

/** Days from `a` to `b`, inclusive of both. */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a) + 1;
}

/** Fills defaults (the last 12 weeks up to today), normalises values (company lower case, country upper case). */
export function applyFilters(raw: RawFilters, today: string = isoDay(new Date())): AppliedFilters {
  const to = raw.to ?? today;
  const from = raw.from ?? addDays(to, -DEFAULT_WEEKS * 7 + 1);
  if (from > to) throw new FilterError('query.from: must not be after query.to');
  const text = (v: string | undefined) => (v === undefined || v.trim() === '' ? null : v.trim());
  return {
    from,
    to,
    role: text(raw.role),
    skill: text(raw.skill),
    industry: text(raw.industry),
    company: text(raw.company)?.toLowerCase() ?? null,
    country: text(raw.country)?.toUpperCase() ?? null,
    workplace: text(raw.workplace),
    seniority: text(raw.seniority),
    source: text(raw.source),
    count: raw.count ?? 'postings',
    open: raw.open ?? 'all',
  };
}

/** The dimension filters that are set, in FACET_KINDS order. */
export function activeFacets(f: AppliedFilters): Facet[] {
  return FACET_KINDS.flatMap((kind) => (f[kind] === null ? [] : [{ kind, value: f[kind] }]));
}

/** A query over the postings themselves: every dimension filter set, the range and the flags. */
export interface PostingsQuery {
  from: string;
  to: string;
  facets: Facet[];
  unique: boolean;
  openOnly: boolean;
}

/** The skill ids a query filters on: every posting it counts has them. */
export function skillsFilteredOn(q: PostingsQuery): Set<string> {
  return new Set(q.facets.flatMap((x) => (x.kind === 'skill' ? [x.value] : [])));
}

/** Where an answer is counted from, and the query for it. */
export type StatsPlan = { from: 'rollups'; q: RollupQuery } | { from: 'postings'; q: PostingsQuery };

/**
 * The rollups when they hold these filters (no more than one, of a kind this endpoint's rollups
 * keep: `supported`), else the postings themselves: role and country at once, say, are counted
 * from the postings matching both.
 */
export function planQuery(f: AppliedFilters, supported: readonly FacetKind[] = FACET_KINDS): StatsPlan {
  const facets = activeFacets(f);
  const flags = { from: f.from, to: f.to, unique: f.count === 'unique', openOnly: f.open === 'open' };
  const facet = facets[0];
  if (facets.length === 0 || (facets.length === 1 && supported.includes(facet!.kind as FacetKind))) {
    return { from: 'rollups', q: { ...flags, facet: facet ?? { kind: '', value: '' } } };
  }
  return { from: 'postings', q: { ...flags, facets } };
}

/** The period of the same length just before [from, to]. */
export function previousRange(from: string, to: string): { from: string; to: string } {
  const len = daysBetween(from, to);
  return { from: addDays(from, -len), to: addDays(from, -1) };
}

/** [from, to] widened to whole months: the grain of the month rollups. */
export function snapToMonths(from: string, to: string): { from: string; to: string } {
  const start = `${from.slice(0, 7)}-01`;
  const next = new Date(Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)), 1));
  return { from: start, to: addDays(isoDay(next), -1) };
}

/** The whole months just before a month-snapped range, as many as it spans. */
export function previousMonths(from: string, to: string): { from: string; to: string } {
  const months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
  const start = new Date(Date.UTC(Number(from.slice(0, 4)), Number(from.slice(5, 7)) - 1 - months, 1));
  return { from: isoDay(start), to: addDays(from, -1) };
}

/** A stable key of everything that shapes an answer, for the response cache. */
export function cacheKey(path: string, params: Record<string, unknown>): string {
  const entries = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null)
    .sort(([a], [b]) => a.localeCompare(b));
  return `${path}?${entries.map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`).join('&')}`;
}

/** [from, to] as the Mondays of the weeks wholly inside it plus the days left over at its edges. */
export function splitRange(from: string, to: string): { weeks: string[]; days: string[] } {
  const weeks: string[] = [];
  const days: string[] = [];
  const last = dayNumber(to);
  for (let d = dayNumber(from); d <= last; ) {
    if (weekday(d) === 1 && d + 6 <= last) {
      weeks.push(dayString(d));
      d += 7;
    } else {
      days.push(dayString(d));
      d += 1;
    }
  }
  return { weeks, days };
}

/** The periods (day, Monday week or month; first day as label) covering [from, to], each clipped to it. */
export function periodsOf(from: string, to: string, interval: 'day' | 'week' | 'month'): Array<{ period: string; from: string; to: string }> {
  const out: Array<{ period: string; from: string; to: string }> = [];
  const last = dayNumber(to);
  for (let d = dayNumber(from); d <= last; ) {
    const start = interval === 'day' ? d : interval === 'week' ? d - ((weekday(d) + 6) % 7) : dayNumber(`${dayString(d).slice(0, 7)}-01`);
    const next = interval === 'day' ? start + 1 : interval === 'week' ? start + 7 : nextMonthStart(start);
    out.push({ period: dayString(start), from: dayString(d), to: dayString(Math.min(next - 1, last)) });
    d = next;
  }
  return out;
}

/** A rollup row to read: grain d (day), w (week from Monday) or m (month), and its first day. */
export interface RollupPiece {
  grain: 'd' | 'w' | 'm';
  start: string;
}

/**
 * [from, to] as the fewest rollup rows: the months wholly inside it, then the weeks wholly inside
 * what is left at either edge, then the days left over. A year is about 20 rows, not 365.
 */
export function coverRange(from: string, to: string): RollupPiece[] {
  const out: RollupPiece[] = [];
  const edge = (a: number, b: number) => {
    if (a > b) return;
    const { weeks, days } = splitRange(dayString(a), dayString(b));
    for (const w of weeks) out.push({ grain: 'w', start: w });
    for (const d of days) out.push({ grain: 'd', start: d });
  };
  const lo = dayNumber(from);
  const hi = dayNumber(to);
  let first = dayNumber(`${from.slice(0, 7)}-01`);
  if (first < lo) first = nextMonthStart(first);
  let start = first;
  let months = 0;
  for (;;) {
    const next = nextMonthStart(start);
    if (next - 1 > hi) break;
    out.push({ grain: 'm', start: dayString(start) });
    months++;
    start = next;
  }
  if (months === 0) {
    edge(lo, hi);
  } else {
    edge(lo, first - 1);
    edge(start, hi);
  }
  return out;
}

/** The first day of the day, week (Monday) or month holding `day`. */
export function periodStart(day: string, interval: 'day' | 'week' | 'month'): string {
  if (interval === 'day') return day;
  if (interval === 'month') return `${day.slice(0, 7)}-01`;
  const n = dayNumber(day);
  return dayString(n - ((weekday(n) + 6) % 7));
}
