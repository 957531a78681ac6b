import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshStats } from '../../../src/db/stats-refresh.sql.ts';
import { startTestStack } from '../../helpers/stack.ts';
import type { TestStack } from '../../helpers/stack.ts';
import { POSTINGS, seedPostings } from '../stats/seed.ts';

// SQL injection in every filter of every statistics and list route, read from the OpenAPI
// document so a new route or filter is covered without touching this file. Over seeded postings,
// a payload must answer exactly what a value matching nothing answers: never more rows (a
// tautology that worked), never a 5xx, SQL text or a stack trace, and never the delay of a
// pg_sleep that ran.

let api: TestStack;
let postingCount: number;
const RANGE = { from: '2026-09-01', to: '2026-10-31' };

const PAYLOADS = [
  "' or '1'='1",
  "x'; drop table postings; --",
  "python' union select null, version() --",
  "%' or '%'='",
  "'||pg_sleep(10)||'",
];
const NO_MATCH = 'zz-no-such-value';
const LEAKS = /\bat [\w.<>]+ \(|node_modules|\bselect\b.*\bfrom\b|syntax error|postgres|pg_sleep|ZodError|TypeError/i;

interface Answer {
  status: number;
  data: string;
  ms: number;
}

async function get(path: string, query: Record<string, string>): Promise<Answer> {
  const started = performance.now();
  const res = await fetch(`${api.url}${path}?${new URLSearchParams(query).toString()}`);
  const text = await res.text();
  const ms = performance.now() - started;
  expect(res.status, `${path} ${JSON.stringify(query)}: ${text.slice(0, 300)}`).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    // The answer may quote the caller's own value back; what must not appear is anything of ours.
    let own = text;
    for (const v of Object.values(query)) own = own.replaceAll(JSON.stringify(v).slice(1, -1), '');
    expect(own, `${path} ${JSON.stringify(query)}`).not.toMatch(LEAKS);
  }
  const body = res.status === 200 ? (JSON.parse(text) as { data: unknown }) : null;
  return { status: res.status, data: JSON.stringify(body?.data ?? null), ms };
}

interface Route {
  path: string;
  /** free-text filters: every payload is tried */
  filters: string[];
  /** enum filters: validation refuses anything else, so one payload shows that */
  enums: string[];
}

beforeAll(async () => {
  api = await startTestStack({ worker: false, config: { STATS_REFRESH_MS: '0' } });
  await seedPostings(api.db.sql, POSTINGS);
  await refreshStats(api.db.sql);
  postingCount = POSTINGS.length;
});
afterAll(() => api?.close());

async function filterRoutes(): Promise<Route[]> {
  type Param = { name: string; in: string; schema?: { type?: string; enum?: string[] } };
  const doc = (await api.call('GET', '/api/v1/openapi.json')).body as { paths: Record<string, { get?: { parameters?: Param[] } }> };
  return Object.entries(doc.paths)
    .map(([path, ops]) => ({ path, strings: (ops.get?.parameters ?? []).filter((p) => p.in === 'query' && p.schema?.type === 'string') }))
    .filter((r) => r.strings.length > 0)
    .map(({ path, strings }) => ({
      // Path parameters get a value that exists, so the filters are what is tested.
      path: path.replace('{id}', 'python'),
      filters: strings.filter((p) => !p.schema?.enum).map((p) => p.name),
      enums: strings.filter((p) => p.schema?.enum).map((p) => p.name),
    }));
}

/** Runs tasks a few at a time: fast, without piling hundreds of requests on a 2-core machine. */
async function inBatches<T>(tasks: Array<() => Promise<T>>, size = 6): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < tasks.length; i += size) out.push(...(await Promise.all(tasks.slice(i, i + size).map((t) => t()))));
  return out;
}

describe('SQL injection in filters', () => {
  it('every string filter of every statistics and list route treats payloads as plain values', async () => {
    const routes = await filterRoutes();
    // The statistics routes and the postings list, each with its filters.
    expect(routes.map((r) => r.path)).toEqual(expect.arrayContaining(['/api/v1/postings', '/api/v1/trends/roles', '/api/v1/trends/skills', '/api/v1/salaries', '/api/v1/skills/python/cooccurrence']));
    expect(routes.find((r) => r.path === '/api/v1/postings')?.filters).toEqual(expect.arrayContaining(['role', 'skill', 'company', 'country', 'q']));

    let checked = 0;
    const unfiltered = new Map(await inBatches(routes.map((r) => async () => [r.path, await get(r.path, RANGE)] as const)));
    await inBatches(
      routes.flatMap((route) => [
        // An enum filter's validation refuses anything else before any SQL runs.
        ...route.enums.map((filter) => async () => {
          expect((await get(route.path, { ...RANGE, [filter]: PAYLOADS[0]! })).status, `${route.path}?${filter}`).toBe(400);
          checked++;
        }),
        ...route.filters.map((filter) => async () => {
          const base = filter === 'from' || filter === 'to' ? {} : RANGE;
          const all = unfiltered.get(route.path)!;
          const none = await get(route.path, { ...base, [filter]: NO_MATCH });
          for (const payload of PAYLOADS) {
            const hostile = await get(route.path, { ...base, [filter]: payload });
            const what = `${route.path}?${filter}=${payload}`;
            // Same answer as a value that matches nothing; in particular never the unfiltered rows.
            if (hostile.status === 200) {
              expect(none.status, what).toBe(200);
              expect(hostile.data, what).toBe(none.data);
              if (all.data !== none.data) expect(hostile.data, what).not.toBe(all.data);
            }
            expect(hostile.ms, `${what} took ${hostile.ms} ms`).toBeLessThan(5_000);
            checked++;
          }
        }),
      ]),
    );
    expect(checked).toBeGreaterThan(250);
  });

  it('LIKE wildcards in the search text are literal: "%" and "_" find no posting', async () => {
    const all = await get('/api/v1/postings', { limit: '200' });
    expect(JSON.parse(all.data)).toHaveLength(postingCount);
    for (const q of ['%', '_', '%%', '\\%']) expect(JSON.parse((await get('/api/v1/postings', { q })).data), q).toEqual([]);
    expect(JSON.parse((await get('/api/v1/postings', { q: 'acme' })).data)).toHaveLength(3);
  });

  it('nothing was dropped or changed by any of it', async () => {
    const [row] = await api.db.sql`select count(*)::int as n from postings`;
    expect(row!.n).toBe(postingCount);
    const tables = await api.db.sql`select table_name from information_schema.tables where table_name in ('postings', 'posting_skills', 'posting_roles', 'feeds', 'api_keys')`;
    expect(tables).toHaveLength(5);
  });
});
