import { createHash } from 'node:crypto';
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { RowCache } from '../../db/rollup-rows.sql.ts';
import type { RollupSource } from '../../db/rollup-rows.sql.ts';
import { readPeriodStamps, statsRefreshState } from '../../db/stats-refresh.sql.ts';
import { registerStatsMemory } from '../../metrics.ts';
import { toCsv } from '../../stats/csv.ts';
import { EncodedJson } from '../../stats/encoded-json.ts';
import { FilterError, applyFilters } from '../../stats/filters.ts';
import type { AppliedFilters, RawFilters } from '../../stats/filters.ts';
import { PeriodStamps } from '../../stats/period-stamps.ts';
import { StampedLru } from '../../stats/stamped-lru.ts';
import { resting } from '../../stats/resting.ts';
import type { LastRun } from '../../stats/resting.ts';
import type { Taxonomy } from '../../types.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { IsoDate, ProblemSchema } from '../openapi.ts';
import { ProblemError } from '../problem.ts';

// What every statistics route shares: the filter parameters, CSV or JSON, ETag/304,
// Cache-Control, and an in-process cache of answers keyed by the normalised query and
// invalidated when the rollups' refreshedAt moves.

/** The filters every statistics endpoint takes (contract of issue 6). */
export const StatsFilters = z.object({
  from: IsoDate.optional().openapi({ description: 'first day (default: 12 weeks before `to`)' }),
  to: IsoDate.optional().openapi({ description: 'last day (default: today, UTC)' }),
  role: z.string().min(1).max(100).optional().openapi({ description: 'role slug, e.g. api-integration' }),
  skill: z.string().min(1).max(100).optional().openapi({ description: 'skill id, e.g. python' }),
  industry: z.string().min(1).max(100).optional(),
  company: z.string().min(1).max(300).optional().openapi({ description: 'exact company name, case-insensitive' }),
  country: z.string().regex(/^[A-Za-z]{2}$/, 'expected an ISO 3166-1 alpha-2 code').optional(),
  workplace: z.enum(['remote', 'hybrid', 'onsite']).optional(),
  seniority: z.enum(['intern', 'junior', 'mid', 'senior', 'lead', 'principal']).optional(),
  source: z.enum(['submit', 'feed', 'paste']).optional(),
  count: z.enum(['postings', 'unique']).optional().openapi({ description: 'unique folds reposts (postings with duplicate_of set are not counted)' }),
  open: z.enum(['all', 'open']).optional().openapi({ description: 'open: only postings not closed' }),
  format: z.enum(['json', 'csv']).optional().openapi({ description: 'csv: the data rows as CSV (or send Accept: text/csv)' }),
});

/** The meta every statistics answer carries: the filters as applied and the rollups' lag. */
export const StatsMeta = z
  .object({
    from: z.string(),
    to: z.string(),
    role: z.string().nullable(),
    skill: z.string().nullable(),
    industry: z.string().nullable(),
    company: z.string().nullable(),
    country: z.string().nullable(),
    workplace: z.string().nullable(),
    seniority: z.string().nullable(),
    source: z.string().nullable(),
    count: z.enum(['postings', 'unique']),
    open: z.enum(['all', 'open']),
    refreshedAt: z.string().nullable().openapi({ description: 'when the rollups were last brought up to date (the lag of the numbers)' }),
    countedFrom: z
      .enum(['rollups', 'postings'])
      .optional()
      .openapi({ description: 'rollups: summed from the pre-counted rollups; postings: counted from the postings matching every filter, for filters the rollups do not hold (two at once, say)' }),
  })
  .passthrough()
  .openapi('StatsMeta');

/** The 200 response of a table endpoint: JSON `{ data, meta }` or CSV of the data rows. */
export function tableResponse<S extends z.ZodType>(description: string, data: S) {
  return {
    description,
    content: {
      'application/json': { schema: z.object({ data, meta: StatsMeta }) },
      'text/csv': { schema: z.string().openapi({ description: 'the data rows as CSV with a header line' }) },
    },
  };
}

/** Error responses of statistics routes; 304 has no body. */
export const statsProblems = {
  304: { description: 'not modified (If-None-Match matched the ETag)' },
  400: { description: 'problem details', content: { 'application/problem+json': { schema: ProblemSchema } } },
  503: { description: 'too many answers are being counted from the postings at once (filters the rollups do not hold): try again shortly', content: { 'application/problem+json': { schema: ProblemSchema } } },
} as const;

/** Applied filters, or a 400 naming the field. */
export function filtersOf(raw: RawFilters): AppliedFilters {
  try {
    return applyFilters(raw);
  } catch (err) {
    if (err instanceof FilterError) throw new ProblemError(400, 'Bad Request', err.message);
    throw err;
  }
}

/** When the rollups were last brought up to date, per pass (ISO times; null before the first). */
export interface Freshness {
  /** writes before it are in the day rollups (role days, skill days) */
  day: string | null;
  /**
   * writes before it are in the rollups of the month pass: skill weeks and months, pairs,
   * salaries. Never later than `day`. An answer reading any of those claims this one.
   */
  month: string | null;
  /** when the rows of each period last changed: what kept rollup rows are valid for */
  stamps: PeriodStamps;
}

/** A finished answer: its body and the ETag of it. */
export interface CachedAnswer {
  body: Uint8Array<ArrayBuffer>;
  etag: string;
}

interface StatsState {
  answers: StampedLru<CachedAnswer>;
  /** the rollup rows this process keeps (rollup-rows.sql.ts) */
  rows: RowCache;
  /** a day-rollup refresh this process started and may still be running */
  catchingUp: Promise<unknown> | null;
  /** when the last one ended (performance.now()) and how long it took */
  lastCatchUp: LastRun;
  fresh: { value: Freshness; readAt: number; pending: Promise<Freshness> | null };
}

const states = new WeakMap<ApiDeps, StatsState>();
// How long a process trusts its copy of the rollups' state: answers may lag a refresh by this much.
const FRESHNESS_MS = 1000;
// Finished answers kept per process (STATS_ANSWER_CACHE_MB), by their bytes: most are 2-10 KB,
// a skill-grouped salary answer ~250 KB, so a count of entries would not bound the memory.
const ANSWER_CACHE_BYTES = 32 * 1024 * 1024;
// Rollup rows kept per process (STATS_ROW_CACHE_MB). The API bench's eight filter mixes over 1 M
// postings use ~25 MB of rows (a skill row of 741 slots is ~9 KB; a year of one filter's rows,
// ~430 of them, ~4 MB).
const ROW_CACHE_BYTES = 64 * 1024 * 1024;
const CACHE_CONTROL = 'private, max-age=60';

function stateOf(deps: ApiDeps): StatsState {
  let s = states.get(deps);
  if (!s) {
    const memory = deps.statsMemory ?? { rowBytes: ROW_CACHE_BYTES, answerBytes: ANSWER_CACHE_BYTES };
    const kept: StatsState = { answers: new StampedLru<CachedAnswer>(memory.answerBytes, (a) => 200 + a.body.byteLength), rows: new RowCache(memory.rowBytes), catchingUp: null, lastCatchUp: null, fresh: { value: { day: null, month: null, stamps: PeriodStamps.since(null) }, readAt: -Infinity, pending: null } };
    registerStatsMemory(deps.metrics, () => ({ answerBytes: kept.answers.weight, rowBytes: kept.rows.bytes, rows: { ...kept.rows.served } }));
    states.set(deps, (s = kept));
  }
  return s;
}

// How long a request waits for the day rollups to catch up before answering from what is there:
// well inside the 50 ms p99 target. Requests of one moment share one freshness read, so all of
// them wait together; with 250 ms, trend p99 in the load bench (20,000 postings) was 64 ms overall
// and 266 ms while URLs were being submitted, against 22 and 102 ms with 30. A small database
// catches up within this, so a posting just written is still counted at once there.
export const CATCH_UP_MS = 30;
/**
 * Whether a request should wait (up to CATCH_UP_MS) for a catch-up in flight: only where they
 * finish within that (or none has run yet). Where they take longer, waiting only delays the
 * answer: and every request of that moment waits with it, as they share one freshness read.
 */
export function catchUpWorthWaiting(last: LastRun): boolean {
  return last === null || last.tookMs <= CATCH_UP_MS;
}

// Reads the rollups' state; when writes wait, brings the day rollups up to date (only the touched
// days) so that, on a database where that is quick, a posting written a moment ago is counted.
// At scale the answer comes from the rollups as they are (meta.refreshedAt says how old) while
// the catch-up runs in the background. The skill and month rollups follow on the refresher's timer.
async function readFreshness(deps: ApiDeps): Promise<Freshness> {
  let state = await statsRefreshState(deps.sql);
  const own = stateOf(deps);
  if (state.dirty && !own.catchingUp && !resting(own.lastCatchUp, performance.now())) {
    const started = performance.now();
    own.catchingUp = deps
      .catchUpStats()
      .catch((err: unknown) => deps.logger.error({ err }, 'statistics catch-up refresh failed'))
      .finally(() => {
        own.catchingUp = null;
        const endedAt = performance.now();
        own.lastCatchUp = { endedAt, tookMs: endedAt - started };
      });
  }
  if (own.catchingUp && catchUpWorthWaiting(own.lastCatchUp)) {
    const done = await Promise.race([own.catchingUp.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), CATCH_UP_MS).unref())]);
    if (done) state = await statsRefreshState(deps.sql);
  }
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  // The periods changed since the last read (all of them after a rebuild): usually none.
  const stamps = await readPeriodStamps(deps.sql, state.rebuiltAt, own.fresh.value.stamps);
  return { day: iso(state.refreshedAt), month: iso(state.monthsRefreshedAt), stamps };
}

/** The rollups' lag, re-read at most once a second per process. */
export async function freshness(deps: ApiDeps): Promise<Freshness> {
  const f = stateOf(deps).fresh;
  if (performance.now() - f.readAt < FRESHNESS_MS) return f.value;
  f.pending ??= readFreshness(deps).then(
    (value) => {
      Object.assign(f, { value, readAt: performance.now(), pending: null });
      return value;
    },
    (err: unknown) => {
      f.pending = null;
      throw err;
    },
  );
  return f.pending;
}

export interface Table {
  /** the rows, or their JSON already encoded */
  data: unknown;
  meta: Record<string, unknown>;
  /** the CSV of `data`: its rows, or a function giving them (called only for a CSV answer) */
  csv: { columns: readonly string[]; rows: readonly object[] | (() => readonly object[]) };
}

const utf8 = new TextEncoder();
const sha1 = (data: string | Uint8Array) => `"${createHash('sha1').update(data).digest('base64url')}"`;

// The body JSON.stringify({ data, meta }) gives, as bytes, and its ETag. Data already encoded
// (EncodedJson) is copied in as it is, and the ETag is hashed from its digest and the meta: a
// strong validator still, as equal digests mean equal data.
export function jsonAnswer(data: unknown, meta: Record<string, unknown>): CachedAnswer {
  const metaJson = JSON.stringify(meta);
  if (!(data instanceof EncodedJson)) {
    const body = utf8.encode(`{"data":${JSON.stringify(data)},"meta":${metaJson}}`);
    return { body, etag: sha1(body) };
  }
  const head = utf8.encode('{"data":');
  const tail = utf8.encode(`,"meta":${metaJson}}`);
  const body = new Uint8Array(head.length + data.bytes.length + tail.length);
  body.set(head);
  body.set(data.bytes, head.length);
  body.set(tail, head.length + data.bytes.length);
  return { body, etag: sha1(`${data.digest}\u0000${metaJson}`) };
}

const wantsCsv = (c: Context<AppEnv>, format: string | undefined) =>
  format === 'csv' || (format === undefined && /\btext\/csv\b/i.test(c.req.header('accept') ?? ''));

// A request sent with Cache-Control: no-cache asks for an answer computed now (RFC 9111: the
// client will not take a stored one without revalidation); it is stored for the next request.
const wantsFresh = (c: Context<AppEnv>) => /\bno-cache\b/i.test(c.req.header('cache-control') ?? '');

/**
 * Answers a statistics request from the cache, or computes it: JSON or CSV, with ETag (hash
 * of the body), Cache-Control, and 304 when If-None-Match matches.
 */
export async function statsAnswer(
  c: Context<AppEnv>,
  deps: ApiDeps,
  ask: { key: string; format: 'json' | 'csv' | undefined; grain?: 'day' | 'month' },
  compute: (src: RollupSource) => Promise<Table>,
): Promise<Response> {
  const state = stateOf(deps);
  const { key, format } = ask;
  const fresh = await freshness(deps);
  const at = fresh[ask.grain ?? 'day'];
  const csv = wantsCsv(c, format);
  const fullKey = `${csv ? 'csv' : 'json'} ${key}`;
  let entry = wantsFresh(c) ? undefined : state.answers.get(fullKey, at);
  if (!entry) {
    const t = await compute({ sql: deps.sql, rows: state.rows, stamps: fresh.stamps });
    // Bytes, encoded once: a kept answer is sent as it is (and kept off the V8 heap).
    if (csv) {
      const body = utf8.encode(toCsv(t.csv.columns, typeof t.csv.rows === 'function' ? t.csv.rows() : t.csv.rows));
      entry = { body, etag: sha1(body) };
    } else {
      entry = jsonAnswer(t.data, { ...t.meta, refreshedAt: at });
    }
    state.answers.set(fullKey, at, entry);
  }
  const headers: Record<string, string> = { ETag: entry.etag, 'Cache-Control': CACHE_CONTROL, Vary: 'Accept' };
  const inm = c.req.header('if-none-match');
  if (inm && inm.split(',').some((t) => t.trim() === entry.etag || t.trim() === `W/${entry.etag}` || t.trim() === '*')) {
    return c.body(null, 304, headers);
  }
  headers['Content-Type'] = csv ? 'text/csv; charset=utf-8' : 'application/json';
  return c.body(entry.body, 200, headers);
}

/** The meta fields of applied filters (every statistics meta starts with these). */
export function filterMeta(f: AppliedFilters): Record<string, unknown> {
  return { ...f };
}

type SkillEntry = Taxonomy['skills'][number];
const skillIndexes = new WeakMap<Taxonomy, Map<string, SkillEntry>>();

/**
 * A lookup of the current taxonomy's skills by id. Answers name 20-200 skills each; a linear
 * find over every skill per name showed in profiles of the skill endpoints. Rebuilt when the
 * taxonomy object changes (edits replace it).
 */
export function skillLookup(deps: ApiDeps): (id: string) => SkillEntry | undefined {
  return (id) => {
    const taxonomy = deps.taxonomy();
    let index = skillIndexes.get(taxonomy);
    if (!index) skillIndexes.set(taxonomy, (index = new Map(taxonomy.skills.map((s) => [s.id, s]))));
    return index.get(id);
  };
}
