import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshStats } from '../../../src/db/stats-refresh.sql.ts';
import { createLogger } from '../../../src/logger.ts';
import { startApi } from '../../../src/runtime.ts';
import type { Running } from '../../../src/runtime.ts';
import { createTestDatabase, deletePrefix, testConfig, testPrefix, waitFor } from '../../helpers/services.ts';
import type { TestDatabase } from '../../helpers/services.ts';
import { POSTINGS, seedPostings } from './seed.ts';

// The statistics endpoints over seven hand-made postings (seed.ts) written through
// writeAnalyses, with every figure computed by hand:
//   p6 2026-09-28 Beta DE  data-science-ml          pandas(req)                      (previous period)
//   p1 2026-10-05 Acme DE  api-integration,full-stack python(req) fastapi(req) docker(pref)  EUR 60-80k  fintech
//   p2 2026-10-06 Beta DE  data-science-ml          python(req) pandas(req) docker(mentioned) aws(negated)  EUR 50k  feed
//   p3 2026-10-13 Acme US  api-integration          python(pref) fastapi(req)        USD 100-120k
//   p4 2026-10-14 ACME US  api-integration          python(req) fastapi(req)         USD 120-140k  repost of p3
//   p5 2026-10-14 Gamma GB full-stack               python(req) django(req)          GBP 40k  (closed later)
//   p7 2026-10-15 Delta US automation-devops        docker(req) aws(req)

let db: TestDatabase;
let prefix: string;
let api: Running & { url: string };
let ids: Map<string, number>;
const RANGE = 'from=2026-10-05&to=2026-10-18';

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${api.url}/api/v1${path}`, { headers });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, headers: res.headers, text, body: type.includes('json') && text ? JSON.parse(text) : null };
}

beforeAll(async () => {
  db = await createTestDatabase();
  prefix = testPrefix();
  ids = await seedPostings(db.sql, POSTINGS);
  const first = await refreshStats(db.sql);
  expect(first).toMatchObject({ ran: true, days: 6, months: 2 });
  api = await startApi(testConfig(db, prefix, { STATS_REFRESH_MS: '0' }), createLogger('silent'));
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
  await deletePrefix(prefix);
});

describe('GET /trends/roles', () => {
  it('counts postings per role per week with shares of the week', async () => {
    const r = await get(`/trends/roles?${RANGE}`);
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual([
      { period: '2026-10-05', role: 'api-integration', count: 1, share: 0.5 },
      { period: '2026-10-05', role: 'data-science-ml', count: 1, share: 0.5 },
      { period: '2026-10-05', role: 'full-stack', count: 1, share: 0.5 },
      { period: '2026-10-12', role: 'api-integration', count: 2, share: 0.5 },
      { period: '2026-10-12', role: 'automation-devops', count: 1, share: 0.25 },
      { period: '2026-10-12', role: 'full-stack', count: 1, share: 0.25 },
    ]);
    expect(r.body.meta).toMatchObject({ from: '2026-10-05', to: '2026-10-18', interval: 'week', count: 'postings', open: 'all', role: null });
    expect(Date.parse(r.body.meta.refreshedAt)).toBeGreaterThan(0);
  });

  it('groups by month and by day', async () => {
    const month = await get(`/trends/roles?${RANGE}&interval=month`);
    expect(month.body.data).toEqual([
      { period: '2026-10-01', role: 'api-integration', count: 3, share: 0.5 },
      { period: '2026-10-01', role: 'full-stack', count: 2, share: 0.3333 },
      { period: '2026-10-01', role: 'automation-devops', count: 1, share: 0.1667 },
      { period: '2026-10-01', role: 'data-science-ml', count: 1, share: 0.1667 },
    ]);
    const day = await get(`/trends/roles?from=2026-10-14&to=2026-10-14&interval=day`);
    expect(day.body.data).toEqual([
      { period: '2026-10-14', role: 'api-integration', count: 1, share: 0.5 },
      { period: '2026-10-14', role: 'full-stack', count: 1, share: 0.5 },
    ]);
  });

  it('folds reposts with count=unique', async () => {
    const r = await get(`/trends/roles?${RANGE}&count=unique`);
    expect(r.body.data.filter((x: any) => x.period === '2026-10-12')).toEqual([
      { period: '2026-10-12', role: 'api-integration', count: 1, share: 0.3333 },
      { period: '2026-10-12', role: 'automation-devops', count: 1, share: 0.3333 },
      { period: '2026-10-12', role: 'full-stack', count: 1, share: 0.3333 },
    ]);
  });

  it.each([
    ['role=full-stack', { '2026-10-05': { 'api-integration': 1, 'full-stack': 1 }, '2026-10-12': { 'full-stack': 1 } }],
    ['company=aCmE', { '2026-10-05': { 'api-integration': 1, 'full-stack': 1 }, '2026-10-12': { 'api-integration': 2 } }],
    ['skill=docker', { '2026-10-05': { 'api-integration': 1, 'data-science-ml': 1, 'full-stack': 1 }, '2026-10-12': { 'automation-devops': 1 } }],
    ['skill=aws', { '2026-10-12': { 'automation-devops': 1 } }],
    ['industry=fintech', { '2026-10-05': { 'api-integration': 1, 'full-stack': 1 } }],
    ['country=de', { '2026-10-05': { 'api-integration': 1, 'data-science-ml': 1, 'full-stack': 1 } }],
    ['workplace=onsite', { '2026-10-12': { 'full-stack': 1 } }],
    ['seniority=senior', { '2026-10-05': { 'api-integration': 1, 'full-stack': 1 }, '2026-10-12': { 'api-integration': 2 } }],
    ['source=feed', { '2026-10-05': { 'data-science-ml': 1 } }],
  ])('filters by %s', async (filter, expected) => {
    const r = await get(`/trends/roles?${RANGE}&${filter}`);
    expect(r.status).toBe(200);
    const got: Record<string, Record<string, number>> = {};
    for (const x of r.body.data) (got[x.period] ??= {})[x.role] = x.count;
    expect(got).toEqual(expected);
  });

  it('refuses bad parameters with a 400 naming the field', async () => {
    for (const [query, field] of [
      ['from=2026-13-01', 'query.from'],
      ['from=2026-10-10&to=2026-10-01', 'query.from'],
      ['interval=year', 'query.interval'],
      ['workplace=moon', 'query.workplace'],
      ['count=some', 'query.count'],
      ['country=Germany', 'query.country'],
    ]) {
      const r = await get(`/trends/roles?${query}`);
      expect(r.status, query).toBe(400);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(r.body.detail, query).toContain(field);
    }
  });
});

describe('GET /trends/skills', () => {
  it('ranks skills with shares, growth, trend and required/preferred shares', async () => {
    const r = await get(`/trends/skills?${RANGE}`);
    expect(r.status).toBe(200);
    expect(r.body.data.map((x: any) => [x.skill, x.count])).toEqual([['python', 5], ['docker', 3], ['fastapi', 3], ['aws', 1], ['django', 1], ['pandas', 1]]);
    const [python, docker, fastapi] = r.body.data;
    expect(python).toMatchObject({ share: 0.8333, previousCount: 0, growth: 5, trend: 'rising', requiredShare: 0.8, preferredShare: 0.2 });
    expect(docker).toMatchObject({ share: 0.5, previousCount: 0, growth: 3, trend: 'steady', requiredShare: 0.3333, preferredShare: 0.3333 });
    expect(fastapi).toMatchObject({ requiredShare: 1, preferredShare: 0 });
    expect(r.body.data.find((x: any) => x.skill === 'pandas')).toMatchObject({ previousCount: 1, growth: 0, trend: 'steady' });
    expect(python.name).toBe('Python');
  });

  it('honours limit, role and count=unique', async () => {
    expect((await get(`/trends/skills?${RANGE}&limit=2`)).body.data.map((x: any) => x.skill)).toEqual(['python', 'docker']);
    const ds = await get(`/trends/skills?${RANGE}&role=data-science-ml`);
    expect(ds.body.data.map((x: any) => [x.skill, x.count, x.share, x.previousCount])).toEqual([
      ['docker', 1, 1, 0],
      ['pandas', 1, 1, 1],
      ['python', 1, 1, 0],
    ]);
    const unique = await get(`/trends/skills?${RANGE}&count=unique`);
    expect(unique.body.data.slice(0, 3).map((x: any) => [x.skill, x.count])).toEqual([['python', 4], ['docker', 3], ['fastapi', 2]]);
  });

  it('counts the same over a range read as a whole month plus edge days', async () => {
    // 2026-09-28 .. 2026-11-02: October's month row plus five day rows; every seeded posting
    const r = await get('/trends/skills?from=2026-09-28&to=2026-11-02');
    expect(r.body.data.map((x: any) => [x.skill, x.count, x.share, x.previousCount])).toEqual([
      ['python', 5, 0.7143, 0],
      ['docker', 3, 0.4286, 0],
      ['fastapi', 3, 0.4286, 0],
      ['pandas', 2, 0.2857, 0],
      ['aws', 1, 0.1429, 0],
      ['django', 1, 0.1429, 0],
    ]);
    const series = await get('/trends/skills/series?from=2026-09-28&to=2026-11-02&interval=month&skills=python,pandas');
    expect(series.body.data).toEqual([
      { period: '2026-09-01', skill: 'pandas', count: 1, share: 1 },
      { period: '2026-10-01', skill: 'python', count: 5, share: 0.8333 },
      { period: '2026-10-01', skill: 'pandas', count: 1, share: 0.1667 },
    ]);
    const later = await get('/trends/skills?from=2026-10-05&to=2026-11-09&role=data-science-ml&count=unique');
    expect(later.body.data.map((x: any) => [x.skill, x.count, x.previousCount])).toEqual([['docker', 1, 0], ['pandas', 1, 1], ['python', 1, 0]]);
  });

  it('with a skill filter, ranks the skills of its postings over whole months', async () => {
    const r = await get(`/trends/skills?${RANGE}&skill=fastapi`);
    expect(r.status).toBe(200);
    expect(r.body.meta).toMatchObject({ from: '2026-10-01', to: '2026-10-31', skill: 'fastapi', grain: 'month' });
    expect(r.body.data.map((x: any) => [x.skill, x.count, x.share, x.previousCount, x.requiredShare])).toEqual([
      ['python', 3, 1, 0, 0.6667],
      ['docker', 1, 0.3333, 0, 0],
    ]);
  });

  it('gives series per period for chosen skills, or the top 5', async () => {
    const r = await get(`/trends/skills/series?${RANGE}&skills=fastapi,docker`);
    expect(r.body.data).toEqual([
      { period: '2026-10-05', skill: 'docker', count: 2, share: 1 },
      { period: '2026-10-05', skill: 'fastapi', count: 1, share: 0.5 },
      { period: '2026-10-12', skill: 'fastapi', count: 2, share: 0.5 },
      { period: '2026-10-12', skill: 'docker', count: 1, share: 0.25 },
    ]);
    const top = await get(`/trends/skills/series?${RANGE}`);
    expect(top.body.meta.skills).toEqual(['python', 'docker', 'fastapi', 'aws', 'django']);
    const bad = await get(`/trends/skills/series?skills=${Array.from({ length: 11 }, (_, i) => `s${i}`).join(',')}`);
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain('query.skills');
  });
});

describe('GET /skills/{id}/cooccurrence', () => {
  it('counts co-occurring skills with share and lift', async () => {
    const r = await get(`/skills/python/cooccurrence?${RANGE}`);
    expect(r.status).toBe(200);
    expect(r.body.data.map((x: any) => [x.skill, x.count, x.share, x.lift])).toEqual([
      ['fastapi', 3, 0.6, 1.2],
      ['docker', 2, 0.4, 0.8],
      ['django', 1, 0.2, 1.2],
      ['pandas', 1, 0.2, 1.2],
    ]);
    expect(r.body.meta).toMatchObject({ skill: 'python', postings: 5, from: '2026-10-01', to: '2026-10-31' });
    expect((await get(`/skills/python/cooccurrence?${RANGE}&limit=1`)).body.data).toHaveLength(1);
  });

  it('answers 404 for an unknown skill', async () => {
    const missing = await get('/skills/cobol-on-mars/cooccurrence');
    expect(missing.status).toBe(404);
  });
});

describe('GET /salaries', () => {
  it('gives p25/p50/p75 per role and currency, never mixing currencies', async () => {
    const r = await get(`/salaries?${RANGE}`);
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual([
      { group: 'api-integration', currency: 'USD', n: 2, p25: 115000, p50: 120000, p75: 125000 },
      { group: 'api-integration', currency: 'EUR', n: 1, p25: 70000, p50: 70000, p75: 70000 },
      { group: 'data-science-ml', currency: 'EUR', n: 1, p25: 50000, p50: 50000, p75: 50000 },
      { group: 'full-stack', currency: 'EUR', n: 1, p25: 70000, p50: 70000, p75: 70000 },
      { group: 'full-stack', currency: 'GBP', n: 1, p25: 40000, p50: 40000, p75: 40000 },
    ]);
  });

  it('reads one precomputed range, and merges the month histograms when it is missing', async () => {
    const queries = [`${RANGE}`, `${RANGE}&groupBy=skill`, `${RANGE}&groupBy=country&count=unique`, `${RANGE}&role=full-stack&open=open`, 'from=2025-01-01&to=2027-12-31'];
    const before = await Promise.all(queries.map((q) => get(`/salaries?${q}`, { 'cache-control': 'no-cache' })));
    const [{ n } = { n: 0 }] = await db.sql<{ n: number }[]>`select count(*)::int as n from stats_salary_ranges where first_month = '2026-10-01' and last_month = '2026-10-01'`;
    expect(n).toBeGreaterThan(0);
    await db.sql`delete from stats_salary_ranges`;
    try {
      const merged = await Promise.all(queries.map((q) => get(`/salaries?${q}`, { 'cache-control': 'no-cache' })));
      for (const [i, q] of queries.entries()) {
        expect(merged[i]!.body.data, q).toEqual(before[i]!.body.data);
        // the stored text is spliced into the answer: the same bytes as the merged rows serialised
        expect(merged[i]!.text, q).toBe(before[i]!.text);
        expect(before[i]!.body.data.length, q).toBeGreaterThan(0);
      }
      // No salary in the months asked for: nothing, whichever way it is read.
      expect((await get('/salaries?from=2026-08-01&to=2026-09-30')).body.data).toEqual([]);
    } finally {
      await refreshStats(db.sql, { full: true });
    }
  });

  it('groups by country and skill, filters, and folds reposts', async () => {
    const country = await get(`/salaries?${RANGE}&groupBy=country`);
    expect(country.body.data).toContainEqual({ group: 'DE', currency: 'EUR', n: 2, p25: 55000, p50: 60000, p75: 65000 });
    const skill = await get(`/salaries?${RANGE}&groupBy=skill`);
    expect(skill.body.data.filter((x: any) => x.group === 'python').map((x: any) => [x.currency, x.n])).toEqual([['EUR', 2], ['USD', 2], ['GBP', 1]]);
    const unique = await get(`/salaries?${RANGE}&count=unique&role=api-integration`);
    expect(unique.body.data).toEqual([
      { group: 'api-integration', currency: 'EUR', n: 1, p25: 70000, p50: 70000, p75: 70000 },
      { group: 'api-integration', currency: 'USD', n: 1, p25: 110000, p50: 110000, p75: 110000 },
      // p1 is also full-stack: the filter picks postings, the grouping splits them
      { group: 'full-stack', currency: 'EUR', n: 1, p25: 70000, p50: 70000, p75: 70000 },
    ]);
  });
});

// Filters the rollups do not hold (two at once, or one an endpoint's rollup does not keep) are
// counted from the postings themselves; every figure here is worked out by hand from the seed.
describe('combined filters', () => {
  it('roles under a role and a country at once', async () => {
    const r = await get(`/trends/roles?${RANGE}&role=api-integration&country=DE`);
    expect(r.status).toBe(200);
    // p1 only (p3 and p4 are in the US): it is api-integration and full-stack
    expect(r.body.data).toEqual([
      { period: '2026-10-05', role: 'api-integration', count: 1, share: 1 },
      { period: '2026-10-05', role: 'full-stack', count: 1, share: 1 },
    ]);
    expect(r.body.meta).toMatchObject({ role: 'api-integration', country: 'DE', countedFrom: 'postings' });
    expect((await get(`/trends/roles?${RANGE}&role=api-integration`)).body.meta.countedFrom).toBe('rollups');
  });

  it('top skills under a role and a country, and with a skill and a country over whole months', async () => {
    const r = await get(`/trends/skills?${RANGE}&role=api-integration&country=US`);
    // p3 (python preferred, fastapi required) and p4 (both required); nothing in the two weeks before
    expect(r.body.data.map((x: any) => [x.skill, x.count, x.share, x.previousCount, x.trend, x.requiredShare, x.preferredShare])).toEqual([
      ['fastapi', 2, 1, 0, 'steady', 1, 0],
      ['python', 2, 1, 0, 'steady', 0.5, 0.5],
    ]);
    expect(r.body.meta).toMatchObject({ grain: 'day', countedFrom: 'postings' });
    const withSkill = await get(`/trends/skills?${RANGE}&skill=python&country=DE`);
    // October, DE, having python: p1 (fastapi req, docker pref) and p2 (pandas req, docker mentioned; aws negated)
    expect(withSkill.body.data.map((x: any) => [x.skill, x.count, x.share, x.requiredShare, x.preferredShare])).toEqual([
      ['docker', 2, 1, 0, 0.5],
      ['fastapi', 1, 0.5, 1, 0],
      ['pandas', 1, 0.5, 1, 0],
    ]);
    expect(withSkill.body.meta).toMatchObject({ from: '2026-10-01', to: '2026-10-31', grain: 'month', countedFrom: 'postings' });
  });

  it('a skill series by company, which the skill rollups do not keep', async () => {
    const r = await get(`/trends/skills/series?${RANGE}&company=acme&skills=python,fastapi`);
    // Acme: p1 in the first week, p3 and p4 (ACME) in the second
    expect(r.body.data).toEqual([
      { period: '2026-10-05', skill: 'fastapi', count: 1, share: 1 },
      { period: '2026-10-05', skill: 'python', count: 1, share: 1 },
      { period: '2026-10-12', skill: 'fastapi', count: 2, share: 1 },
      { period: '2026-10-12', skill: 'python', count: 2, share: 1 },
    ]);
    expect(r.body.meta.countedFrom).toBe('postings');
  });

  it('co-occurrence within a role', async () => {
    const r = await get(`/skills/python/cooccurrence?${RANGE}&role=api-integration`);
    expect(r.status).toBe(200);
    // October, api-integration: p1, p3, p4, all with python and fastapi; docker in p1 only
    expect(r.body.data.map((x: any) => [x.skill, x.count, x.share, x.lift])).toEqual([
      ['fastapi', 3, 1, 1],
      ['docker', 1, 0.3333, 1],
    ]);
    expect(r.body.meta).toMatchObject({ postings: 3, total: 3, from: '2026-10-01', to: '2026-10-31', countedFrom: 'postings' });
  });

  it('salaries per skill in one country', async () => {
    const r = await get(`/salaries?${RANGE}&groupBy=skill&country=DE`);
    expect(r.status).toBe(200);
    // October, DE: p1 EUR 70k (python, fastapi, docker) and p2 EUR 50k (python, pandas, docker; aws negated)
    expect(r.body.data).toEqual([
      { group: 'docker', currency: 'EUR', n: 2, p25: 55000, p50: 60000, p75: 65000 },
      { group: 'python', currency: 'EUR', n: 2, p25: 55000, p50: 60000, p75: 65000 },
      { group: 'fastapi', currency: 'EUR', n: 1, p25: 70000, p50: 70000, p75: 70000 },
      { group: 'pandas', currency: 'EUR', n: 1, p25: 50000, p50: 50000, p75: 50000 },
    ]);
    expect(r.body.meta.countedFrom).toBe('postings');
  });
});

describe('CSV, ETag and caching', () => {
  it('serves CSV with ?format=csv and Accept: text/csv', async () => {
    const r = await get(`/trends/roles?${RANGE}&format=csv`);
    expect(r.headers.get('content-type')).toContain('text/csv');
    expect(r.text.split('\r\n').slice(0, 2)).toEqual(['period,role,count,share', '2026-10-05,api-integration,1,0.5']);
    const accept = await get(`/salaries?${RANGE}`, { accept: 'text/csv' });
    expect(accept.text.split('\r\n')[1]).toBe('api-integration,USD,2,115000,120000,125000');
    for (const path of ['/trends/skills', '/trends/skills/series', '/skills/python/cooccurrence', '/postings', '/taxonomy']) {
      const csv = await get(`${path}?format=csv`);
      expect(csv.status, path).toBe(200);
      expect(csv.headers.get('content-type'), path).toContain('text/csv');
    }
  });

  it('answers 304 to If-None-Match and sends Cache-Control', async () => {
    const first = await get(`/trends/skills?${RANGE}`);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    expect(first.headers.get('cache-control')).toContain('max-age');
    const again = await get(`/trends/skills?${RANGE}`, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    const other = await get(`/trends/skills?${RANGE}&limit=3`, { 'if-none-match': etag });
    expect(other.status).toBe(200);
  });
});

describe('the answer cache', () => {
  it('keys month-grain answers by whole months, and answers from newer rollups once their stamp moves', async () => {
    const path = '/salaries?from=2026-10-05&to=2026-10-18';
    const first = await get(path);
    // Same months, other days: the same answer (and the same meta) from the cache.
    expect((await get('/salaries?from=2026-10-02&to=2026-10-30')).text).toBe(first.text);
    // Change the rollup the answer is read from behind the cache's back; refreshedAt does not move.
    const changed = await db.sql`update stats_salary_ranges
      set data = (select json_agg(case when b->>'group' = 'data-science-ml' then (b::jsonb || '{"n": 5}')::json else b end) from json_array_elements(data) b)
      where f_kind = '' and g_kind = 'role' and combo = 0 and first_month = '2026-10-01' and last_month = '2026-10-01'`;
    expect(changed.count).toBe(1);
    try {
      expect((await get(path)).text).toBe(first.text);
      // Cache-Control: no-cache computes the answer again, from the rollup rows the process keeps
      // for the same stamp: the same answer, as every change to the rollups moves the stamp.
      const fresh = await get(path, { 'cache-control': 'no-cache' });
      expect(fresh.status).toBe(200);
      expect(fresh.text).toBe(first.text);
      // A refresh that rewrites the month's rows moves its stamp: the next answers (within the
      // second a process trusts its copy of the stamps) read the rollups again.
      await db.sql`update stats_refresh_state set refreshed_at = clock_timestamp(), months_refreshed_at = clock_timestamp()`;
      await db.sql`insert into stats_period_changes (grain, start, changed_at) values ('m', '2026-10-01', clock_timestamp())
        on conflict (grain, start) do update set changed_at = excluded.changed_at`;
      const moved = await waitFor(async () => {
        const r = await get(path);
        return r.body.data.find((x: any) => x.group === 'data-science-ml')?.n === 5 && r;
      }, 5000);
      expect(moved.body.meta.refreshedAt).not.toBe(first.body.meta.refreshedAt);
      // ... and stored for the next request
      expect((await get(path)).text).toBe(moved.text);
    } finally {
      await refreshStats(db.sql, { full: true });
    }
  });
});

describe('keeping the rollups up to date', () => {
  it('counts a closed posting out of open=open after the refresher ran', async () => {
    await db.sql`update postings set closed_at = now() where id = ${ids.get('p5')!}`;
    const [dirty] = await db.sql<{ n: number }[]>`select count(*)::int as n from stats_dirty_days`;
    expect(dirty?.n).toBeGreaterThan(0);
    const r = await refreshStats(db.sql);
    expect(r).toMatchObject({ ran: true, days: 1, months: 1 });
    // The API re-reads the rollups' state at most once a second.
    const open = await waitFor(async () => {
      const res = await get(`/trends/roles?${RANGE}&open=open`);
      const week = res.body.data.filter((x: any) => x.period === '2026-10-12');
      return week.length === 2 ? week : null;
    }, 5000);
    expect(open).toEqual([
      { period: '2026-10-12', role: 'api-integration', count: 2, share: 0.6667 },
      { period: '2026-10-12', role: 'automation-devops', count: 1, share: 0.3333 },
    ]);
    const all = await get(`/trends/roles?${RANGE}`);
    expect(all.body.data.find((x: any) => x.period === '2026-10-12' && x.role === 'full-stack')).toMatchObject({ count: 1 });
  });

  it('counts a new posting on the next read without waiting for the timer', async () => {
    await seedPostings(db.sql, [{ ...POSTINGS[1]!, key: 'p8', title: 'Platform Engineer', company: 'Epsilon', datePosted: '2026-10-16', roles: ['automation-devops'], skills: [['docker', 'required']] }]);
    const week = await waitFor(async () => {
      const res = await get(`/trends/roles?${RANGE}`);
      const row = res.body.data.find((x: any) => x.period === '2026-10-12' && x.role === 'automation-devops');
      return row?.count === 2 ? row : null;
    }, 5000);
    expect(week).toMatchObject({ count: 2, share: 0.4 });
  });

  it('claims in meta the refresh of the rollups an answer read: days for roles, the month pass for skills', async () => {
    // The read in the test above refreshed days only (a request's catch-up): skill weeks and
    // months still hold what the last full refresh saw, so skill answers must claim that one.
    const [state] = await db.sql<{ day: Date; month: Date }[]>`select refreshed_at as day, months_refreshed_at as month from stats_refresh_state`;
    expect(state!.day.getTime()).toBeGreaterThan(state!.month.getTime());
    const claimed = async (path: string) => (await get(path)).body.meta.refreshedAt;
    expect(await claimed(`/trends/roles?${RANGE}`)).toBe(state!.day.toISOString());
    expect(await claimed(`/trends/skills?${RANGE}`)).toBe(state!.month.toISOString());
    expect(await claimed(`/trends/skills/series?${RANGE}`)).toBe(state!.month.toISOString());
    expect(await claimed(`/trends/skills?${RANGE}&skill=python`)).toBe(state!.month.toISOString());
    expect(await claimed(`/skills/python/cooccurrence?${RANGE}`)).toBe(state!.month.toISOString());
    expect(await claimed(`/salaries?${RANGE}`)).toBe(state!.month.toISOString());
  });

  it('a second refresher skips while one runs, and a rebuild gives the same rollups', async () => {
    const snapshot = async () => [
      await db.sql`select f_kind, f_val, combo, day, total, r, c from stats_role_days, unnest(roles, n) as u(r, c) order by 1, 2, 3, 4, 6`,
      await db.sql`select f_kind, f_val, combo, grain, start, total, counts from stats_skill_periods order by 1, 2, 3, 4, 5`,
      await db.sql`select skill_a, combo, month, counts from stats_pair_months order by 1, 2, 3`,
      await db.sql`select f_kind, f_val, g_kind, combo, month, g_val, currency, amounts, counts from stats_salary_months order by 1, 2, 3, 4, 5, 6, 7`,
      await db.sql`select f_kind, f_val, g_kind, combo, first_month, last_month, data::text from stats_salary_ranges order by 1, 2, 3, 4, 5, 6`,
    ];
    // The reads above refreshed days only; bring weeks and months up to date first.
    await refreshStats(db.sql);
    const before = await snapshot();
    const [a, b] = await Promise.all([refreshStats(db.sql, { full: true }), refreshStats(db.sql, { full: true })]);
    expect([a.ran, b.ran].sort()).toEqual([false, true]);
    expect(await snapshot()).toEqual(before);
  });
});

describe('GET /postings', () => {
  it('pages newest first with a cursor that is stable under inserts', async () => {
    const first = await get('/postings?limit=3');
    expect(first.status).toBe(200);
    const all = [...ids.keys()];
    expect(first.body.data).toHaveLength(3);
    const seen = first.body.data.map((x: any) => x.id);
    expect(seen).toEqual([...seen].sort((x: number, y: number) => y - x));
    await seedPostings(db.sql, [{ ...POSTINGS[0]!, key: 'p9', title: 'Inserted While Paging' }]);
    let cursor = first.body.meta.nextCursor;
    while (cursor) {
      const page = await get(`/postings?limit=3&cursor=${cursor}`);
      seen.push(...page.body.data.map((x: any) => x.id));
      cursor = page.body.meta.nextCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    for (const k of all) expect(seen).toContain(ids.get(k));
    expect(seen).not.toContain(Math.max(...seen) + 1000);
  });

  it('filters by skill, company substring, country and unique', async () => {
    const idsOf = async (q: string) => (await get(`/postings?${q}`)).body.data.map((x: any) => x.id);
    const id = (k: string) => ids.get(k)!;
    expect(await idsOf('skill=fastapi')).toEqual([id('p4'), id('p3'), id('p1')]);
    expect(await idsOf('q=acme&count=unique')).toEqual([id('p3'), id('p1')]);
    expect(await idsOf('country=us&from=2026-10-01&to=2026-10-14')).toEqual([id('p4'), id('p3')]);
    const p4 = (await get('/postings?company=acme&limit=1')).body.data[0];
    expect(p4).toMatchObject({ id: id('p4'), duplicateOf: id('p3'), datePosted: '2026-10-14', primaryRole: 'api-integration', status: 'done' });
    const bad = await get('/postings?limit=500');
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain('query.limit');
    expect((await get('/postings?cursor=bm9wZQ')).status).toBe(400);
  });

  it('keeps GET /postings/{id} working beside the list', async () => {
    const r = await get(`/postings/${ids.get('p1')}`);
    expect(r.status).toBe(200);
    expect(r.body.data.analysis.title).toBe('Senior API Engineer');
  });
});

describe('taxonomy, OpenAPI and docs', () => {
  it('lists roles and skills', async () => {
    const r = await get('/taxonomy');
    expect(r.body.data.version).toEqual(expect.any(String));
    expect(r.body.data.roles.map((x: any) => x.id)).toContain('api-integration');
    expect(r.body.data.skills.find((s: any) => s.id === 'python')).toMatchObject({ name: 'Python', category: 'languages' });
  });

  it('documents every statistics route and serves a docs page without a CDN', async () => {
    const doc = (await get('/openapi.json')).body;
    for (const path of ['/api/v1/trends/roles', '/api/v1/trends/skills', '/api/v1/trends/skills/series', '/api/v1/skills/{id}/cooccurrence', '/api/v1/salaries', '/api/v1/taxonomy']) {
      expect(doc.paths[path]?.get, path).toBeDefined();
    }
    expect(doc.paths['/api/v1/postings'].get).toBeDefined();
    expect(doc.paths['/api/v1/postings'].post).toBeDefined();
    const page = await get('/docs');
    expect(page.text).toContain('/api/v1/docs/swagger-ui-bundle.js');
    expect(page.text).not.toMatch(/https?:\/\//);
    const js = await get('/docs/swagger-ui-bundle.js');
    expect(js.status).toBe(200);
    expect(js.text.length).toBeGreaterThan(100_000);
  });
});

describe('what the statistics keep, in /metrics', () => {
  it('reports the bytes kept and where the rollup rows came from', async () => {
    const counts = async () => {
      const text = await (await fetch(`${api.url}/metrics`)).text();
      const value = (re: RegExp) => Number(re.exec(text)?.[1] ?? NaN);
      return {
        rows: value(/^roleradar_stats_kept_bytes\{what="rows"\} (\d+)/m),
        postgres: value(/^roleradar_stats_rows_total\{from="postgres"\} (\d+)/m),
        kept: value(/^roleradar_stats_rows_total\{from="kept"\} (\d+)/m),
      };
    };
    // A range no other test asks for: its rows are read from Postgres once, then kept.
    const path = '/trends/skills?from=2026-09-03&to=2026-10-27&limit=7';
    await get(path, { 'cache-control': 'no-cache' });
    const first = await counts();
    expect(first.rows).toBeGreaterThan(0);
    expect(first.postgres).toBeGreaterThan(0);
    await get(path, { 'cache-control': 'no-cache' });
    const second = await counts();
    expect(second.postgres).toBe(first.postgres);
    expect(second.kept).toBeGreaterThan(first.kept);
  });
});
