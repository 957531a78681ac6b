import type { Sql } from 'postgres';
import { periodsOf } from '../stats/filters.ts';
import type { RollupPiece, RollupQuery } from '../stats/filters.ts';
import { comboOf } from '../stats/rollup-build.ts';
import type { EncodedJson } from '../stats/encoded-json.ts';
import type { PeriodStamps } from '../stats/period-stamps.ts';
import { StampedLru } from '../stats/stamped-lru.ts';
import { int32Copy } from '../stats/skill-vectors.ts';

// The rollup rows an API process has read, kept for the next statistics query that needs them.
// A query over a range reads a few dozen rows (coverRange), and other ranges of the same filter
// share most of them: a dashboard dragging its date range, or analysts comparing periods. Held
// here, a row is read from Postgres and decoded once per refresh, not once per query: a skills
// miss shipped ~160 KB of hex text per request, and decoding it, with the query itself, was half
// of the API's CPU (and all of Postgres's) per uncached answer.
//
// A row is valid for the change stamp of its own period (sql/00017, stats/period-stamps.ts): a
// day's rows for that day's, a week's for that week's, a month's (skill months, pairs, salary
// answers) for that month's. A stamp moves in the transaction that rewrites the period's rows, and
// only then. Rows are read after their stamp, so a kept row is never older than the stamp it is
// kept under; when the stamp moves, the row misses and is read again. Rows a filter does not have (no postings that day) are kept as empty rows, so a
// narrow filter's gaps cost nothing either.

/** A skill rollup row: postings under its filter, and its vector (three planes: skill-vectors.ts). */
export interface SkillRow {
  total: number;
  counts: Int32Array;
}

/** A role day row: postings under its filter that day, and the count of each role. */
export interface RoleRow {
  total: number;
  roles: readonly string[];
  n: readonly number[];
}

// The role day rows of one month, kept together (day of month - 1 -> row): a range reads every
// day of it, and looking up 85 days one by one cost more than summing them.
interface RoleMonth {
  days: RoleRow[];
}

/** A salary answer's data as JSON (salary ranges are month rollups, read as answer text: sql/00014). */
export interface SalaryAnswer {
  json: EncodedJson;
}

type KeptRow = SkillRow | RoleMonth | SalaryAnswer;

// Bytes a kept row holds, roughly: its vector, arrays or text, and the map entry around it.
function weigh(r: KeptRow): number {
  if ('counts' in r) return 120 + r.counts.byteLength;
  if ('json' in r) return 120 + r.json.bytes.byteLength;
  return 120 + r.days.reduce((b, d) => b + 40 + 48 * d.roles.length, 0);
}

/**
 * The rollup rows a process keeps, at most `bytes` of them (roughly), and the reads of rows in
 * flight: requests that need a row another request is reading wait for that read instead of
 * reading it again. Without that, the fifty requests of a cold start all read the same rows.
 */
export class RowCache {
  private readonly kept: StampedLru<KeptRow>;
  private readonly reading = new Map<string, Promise<KeptRow>>();
  /** rows asked for since the process started, by where they came from (for /metrics) */
  readonly served = { kept: 0, shared: 0, postgres: 0 };

  constructor(bytes: number) {
    this.kept = new StampedLru<KeptRow>(bytes, weigh);
  }

  /**
   * The rows of these keys, each valid for its stamp: kept ones, ones another request is
   * reading, and the rest through `read`, which must give a row for every key it is asked for.
   */
  async rows<R extends KeptRow>(wanted: ReadonlyMap<string, string | null>, read: (keys: string[]) => Promise<Map<string, R>>): Promise<Map<string, R>> {
    const out = new Map<string, R>();
    const waits: Array<Promise<unknown>> = [];
    const missing: string[] = [];
    for (const [key, stamp] of wanted) {
      const kept = this.kept.get(key, stamp);
      const inFlight = kept ? undefined : this.reading.get(`${stamp}\u0000${key}`);
      if (kept) out.set(key, kept as R);
      else if (inFlight) waits.push(inFlight.then((row) => out.set(key, row as R)));
      else missing.push(key);
    }
    this.served.kept += out.size;
    this.served.shared += waits.length;
    this.served.postgres += missing.length;
    if (missing.length > 0) {
      const rows = read(missing);
      for (const key of missing) {
        const stamp = wanted.get(key)!;
        const flight = `${stamp}\u0000${key}`;
        const row = rows.then((m) => m.get(key)!);
        this.reading.set(flight, row);
        waits.push(
          row
            .then((r) => {
              this.kept.set(key, stamp, r);
              out.set(key, r);
            })
            .finally(() => this.reading.delete(flight)),
        );
      }
    }
    await Promise.all(waits);
    return out;
  }

  /** rows kept */
  get size(): number {
    return this.kept.size;
  }

  /** bytes kept (roughly) */
  get bytes(): number {
    return this.kept.weight;
  }
}

/** What a statistics query reads through: Postgres, the rows this process keeps, and the periods' change stamps of the moment. */
export interface RollupSource {
  sql: Sql;
  rows: RowCache;
  stamps: PeriodStamps;
}

const EMPTY_SKILLS: SkillRow = { total: 0, counts: new Int32Array(0) };
const EMPTY_ROLES: RoleRow = { total: 0, roles: [], n: [] };
const combo = (q: RollupQuery) => comboOf(q.unique, q.openOnly);

/**
 * The skill rows of these pieces under q's filter and combo, by grain + start (an empty row where
 * the filter has none): the kept ones, and the rest in one query.
 */
export async function skillRows(src: RollupSource, q: RollupQuery, pieces: readonly RollupPiece[]): Promise<Map<string, SkillRow>> {
  const prefix = `s\u0000${q.facet.kind}\u0000${q.facet.value}\u0000${combo(q)}\u0000`;
  const wanted = new Map(pieces.map((p) => [prefix + p.grain + p.start, src.stamps.of(p.grain, p.start)]));
  const rows = await src.rows.rows<SkillRow>(wanted, async (keys) => {
    const asked = keys.map((k) => ({ grain: k.charAt(prefix.length), start: k.slice(prefix.length + 1) }));
    const found = await src.sql<Array<{ grain: string; start: string; total: number; counts: Buffer }>>`
      select s.grain, s.start::text as start, s.total, s.counts
      from unnest(${asked.map((a) => a.grain)}::"char"[], ${asked.map((a) => a.start)}::date[]) as p(grain, start)
      join stats_skill_periods s
        on s.f_kind = ${q.facet.kind} and s.f_val = ${q.facet.value} and s.combo = ${combo(q)} and s.grain = p.grain and s.start = p.start`;
    const byKey = new Map(found.map((r) => [prefix + r.grain + r.start, { total: r.total, counts: int32Copy(r.counts) }]));
    return new Map(keys.map((k) => [k, byKey.get(k) ?? EMPTY_SKILLS]));
  });
  return new Map(pieces.map((p) => [p.grain + p.start, rows.get(prefix + p.grain + p.start)!]));
}

/**
 * The pair rows (skill vectors of the postings having skill a) of these months for each skill a,
 * by skill a, then month (an empty row where none is stored). Pair rows are month rows.
 */
export async function pairRows(src: RollupSource, comboId: number, skillsA: readonly string[], months: readonly string[]): Promise<Map<string, Map<string, SkillRow>>> {
  const key = (a: string, month: string) => `p\u0000${comboId}\u0000${month}\u0000${a}`;
  const wanted = new Map(skillsA.flatMap((a) => months.map((m) => [key(a, m), src.stamps.of('m', m)] as const)));
  const rows = await src.rows.rows<SkillRow>(wanted, async (keys) => {
    const asked = keys.map((k) => {
      const [, , month, a] = k.split('\u0000') as [string, string, string, string];
      return { a, month };
    });
    const found = await src.sql<Array<{ skillA: string; month: string; counts: Buffer }>>`
      select s.skill_a, s.month::text as month, s.counts
      from unnest(${asked.map((x) => x.a)}::text[], ${asked.map((x) => x.month)}::date[]) as p(skill_a, month)
      join stats_pair_months s on s.skill_a = p.skill_a and s.combo = ${comboId} and s.month = p.month`;
    const byKey = new Map(found.map((r) => [key(r.skillA, r.month), { total: 0, counts: int32Copy(r.counts) }]));
    return new Map(keys.map((k) => [k, byKey.get(k) ?? EMPTY_SKILLS]));
  });
  return new Map(skillsA.map((a) => [a, new Map(months.map((m) => [m, rows.get(key(a, m))!]))]));
}

/** The role day rows of [q.from, q.to] under q's filter and combo, one a day from q.from (an empty row where none is stored). */
export async function roleRows(src: RollupSource, q: RollupQuery): Promise<RoleRow[]> {
  const prefix = `r\u0000${q.facet.kind}\u0000${q.facet.value}\u0000${combo(q)}\u0000`;
  const months = periodsOf(q.from, q.to, 'month');
  const kept = await src.rows.rows<RoleMonth>(new Map(months.map((m) => [prefix + m.period, src.stamps.ofDaysIn(m.period)])), async (keys) => {
    const firstDays = keys.map((k) => k.slice(prefix.length));
    const found = await src.sql<Array<{ month: string; day: number; total: number; roles: string[]; n: number[] }>>`
      select p.month::text as month, extract(day from s.day)::int as day, s.total, s.roles, s.n
      from unnest(${firstDays}::date[]) as p(month)
      join stats_role_days s on s.f_kind = ${q.facet.kind} and s.f_val = ${q.facet.value} and s.combo = ${combo(q)}
        and s.day >= p.month and s.day < p.month + interval '1 month'`;
    const blocks = new Map(firstDays.map((m) => [prefix + m, { days: Array.from({ length: 31 }, () => EMPTY_ROLES) }]));
    for (const r of found) blocks.get(prefix + r.month)!.days[r.day - 1] = { total: r.total, roles: r.roles, n: r.n };
    return blocks;
  });
  const out: RoleRow[] = [];
  for (const m of months) {
    const days = kept.get(prefix + m.period)!.days;
    for (let day = Number(m.from.slice(8)), last = Number(m.to.slice(8)); day <= last; day++) out.push(days[day - 1]!);
  }
  return out;
}
