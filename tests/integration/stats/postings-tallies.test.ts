import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCANS_WAITING, tallyPostings } from '../../../src/db/postings-stats.sql.ts';
import { BusyError } from '../../../src/errors.ts';
import { RowCache } from '../../../src/db/rollup-rows.sql.ts';
import type { RollupSource } from '../../../src/db/rollup-rows.sql.ts';
import { readPeriodStamps, refreshStats, statsRefreshState } from '../../../src/db/stats-refresh.sql.ts';
import { cooccurring, roleTrends, salaryBands, skillSeries, topSkills, topSkillsWith } from '../../../src/db/trends.sql.ts';
import type { SalaryGroup } from '../../../src/stats/answers.ts';
import { previousMonths, previousRange, snapToMonths } from '../../../src/stats/filters.ts';
import type { Facet, PostingsQuery, RollupQuery } from '../../../src/stats/filters.ts';
import { cooccurrenceTally, roleTally, salaryTally, skillSeriesTally, topSkillsTally } from '../../../src/stats/postings-tallies.ts';
import type { Requirement, Seniority, Workplace } from '../../../src/types.ts';
import { createTestDatabase } from '../../helpers/services.ts';
import type { TestDatabase } from '../../helpers/services.ts';
import { seedPostings } from './seed.ts';
import type { SeedPosting } from './seed.ts';

// Statistics counted from the postings (postings-tallies.ts, for filters the rollups do not hold)
// must be the numbers the rollups give wherever both can answer: every single filter kind, every
// combo of the count and open flags, several ranges, every statistic. The rollups are the oracle
// here; stats-api.test.ts checks combined filters against figures worked out by hand.

let db: TestDatabase;
let src: RollupSource;

// A small deterministic generator (mulberry32), so the postings are the same on every run.
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function generated(count: number): SeedPosting[] {
  const next = random(20261126);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const roles = ['api-integration', 'full-stack', 'data-science-ml', 'automation-devops', 'security-scalability'];
  const skills = ['python', 'django', 'fastapi', 'docker', 'aws', 'pandas', 'postgresql', 'kubernetes', 'react', 'git'];
  const requirements: Requirement[] = ['required', 'preferred', 'mentioned'];
  const out: SeedPosting[] = [];
  for (let i = 0; i < count; i++) {
    const day = new Date(Date.UTC(2026, 7, 20) + Math.floor(next() * 95) * 86_400_000).toISOString().slice(0, 10);
    const own = [...new Set([pick(skills), pick(skills), pick(skills), pick(skills)])];
    const currency = pick(['EUR', 'USD', null, null]);
    const low = 40_000 + Math.floor(next() * 12) * 5_000;
    out.push({
      key: `g${i}`,
      title: `${pick(['Senior', 'Junior', 'Staff'])} ${pick(['Backend', 'Data', 'Platform', 'Web'])} Engineer ${i}`,
      company: pick(['Acme', 'ACME', 'Beta', 'Gamma']),
      city: 'Somewhere',
      country: pick(['DE', 'US', 'GB']),
      workplace: pick<Workplace>(['remote', 'hybrid', 'onsite']),
      seniority: pick<Seniority>(['junior', 'mid', 'senior']),
      datePosted: day,
      roles: [...new Set([pick(roles), ...(next() < 0.4 ? [pick(roles)] : [])])],
      skills: own.map((s) => [s, pick(requirements), next() < 0.1] as [string, Requirement, boolean]),
      industries: next() < 0.3 ? ['fintech'] : [],
      ...(currency ? { salary: { min: low, max: low + Math.floor(next() * 4) * 5_000, currency } } : {}),
      source: next() < 0.5 ? 'feed' : 'submit',
    });
  }
  // Reposts of the first few (same title, company and skills, a few days later): unique counts fold them.
  const later = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 3 * 86_400_000).toISOString().slice(0, 10);
  for (const p of out.slice(0, 8)) out.push({ ...p, key: `${p.key}-again`, datePosted: later(p.datePosted) });
  return out;
}

beforeAll(async () => {
  db = await createTestDatabase();
  const ids = await seedPostings(db.sql, generated(140));
  // Some postings closed: open=open leaves them out.
  await db.sql`update postings set closed_at = now() where id = any(${[...ids.values()].filter((_, i) => i % 7 === 3)}::bigint[])`;
  await refreshStats(db.sql);
  src = { sql: db.sql, rows: new RowCache(1 << 24), stamps: await readPeriodStamps(db.sql, (await statsRefreshState(db.sql)).rebuiltAt) };
}, 120_000);

afterAll(async () => {
  await db?.drop();
});

const NONE: Facet = { kind: '', value: '' };
const FACETS: Facet[] = [
  NONE,
  { kind: 'role', value: 'api-integration' },
  { kind: 'skill', value: 'python' },
  { kind: 'industry', value: 'fintech' },
  { kind: 'company', value: 'acme' },
  { kind: 'country', value: 'DE' },
  { kind: 'workplace', value: 'remote' },
  { kind: 'seniority', value: 'senior' },
  { kind: 'source', value: 'feed' },
];
// The filters each rollup keeps (the routes' SKILL_FACETS and salaries' FACETS).
const SKILL_KINDS = ['', 'role', 'industry', 'country', 'workplace', 'seniority', 'source'];
const RANGES: Array<[string, string]> = [
  ['2026-09-03', '2026-10-20'],
  ['2026-10-01', '2026-11-30'],
  ['2026-09-16', '2026-09-16'],
];
const COMBOS = [
  { unique: false, openOnly: false },
  { unique: true, openOnly: false },
  { unique: false, openOnly: true },
  { unique: true, openOnly: true },
];

const cases = FACETS.flatMap((facet) => RANGES.flatMap(([from, to]) => COMBOS.map((flags) => ({ facet, from, to, ...flags }))));
const name = (c: (typeof cases)[number]) => `${c.facet.kind || 'no filter'}${c.facet.value ? `=${c.facet.value}` : ''} ${c.from}..${c.to} unique=${c.unique} open=${c.openOnly}`;
const asRollup = (c: (typeof cases)[number], range = { from: c.from, to: c.to }): RollupQuery => ({ ...range, facet: c.facet, unique: c.unique, openOnly: c.openOnly });
const asPostings = (c: (typeof cases)[number], range = { from: c.from, to: c.to }): PostingsQuery => ({ ...range, facets: c.facet.kind === '' ? [] : [c.facet], unique: c.unique, openOnly: c.openOnly });

describe('statistics counted from the postings equal the rollup answers', () => {
  it('roles per week and per day, under every filter', async () => {
    let rows = 0;
    for (const c of cases) {
      for (const interval of ['week', 'day'] as const) {
        const want = await roleTrends(src, asRollup(c), interval);
        expect(await tallyPostings(db.sql, asPostings(c), c, roleTally(c.from, c.to, interval)), `${name(c)} ${interval}`).toEqual(want);
        rows += want.length;
      }
    }
    expect(rows).toBeGreaterThan(1000);
  });

  it('top skills with their previous counts; with a skill filter over whole months, that skill left out', async () => {
    let ranked = 0;
    for (const c of cases) {
      if (c.facet.kind === 'skill') {
        const months = snapToMonths(c.from, c.to);
        const previous = previousMonths(months.from, months.to);
        const want = await topSkillsWith(src, asRollup({ ...c, facet: NONE }, months), c.facet.value, 10, previous);
        const got = await tallyPostings(db.sql, asPostings(c, months), { from: previous.from, to: months.to }, topSkillsTally(months, previous, 10, new Set([c.facet.value])));
        expect(got, name(c)).toEqual(want);
        ranked += want.top.length;
      } else if (SKILL_KINDS.includes(c.facet.kind)) {
        const previous = previousRange(c.from, c.to);
        const want = await topSkills(src, asRollup(c), 10, previous);
        const got = await tallyPostings(db.sql, asPostings(c), { from: previous.from, to: c.to }, topSkillsTally(c, previous, 10, new Set()));
        expect(got, name(c)).toEqual(want);
        ranked += want.top.length;
      }
    }
    expect(ranked).toBeGreaterThan(300);
  });

  it('skill series, the top 5 chosen or skills asked for', async () => {
    for (const c of cases.filter((x) => SKILL_KINDS.includes(x.facet.kind))) {
      for (const asked of [null, ['docker', 'python', 'cobol']]) {
        const want = await skillSeries(src, asRollup(c), 'week', asked);
        expect(await tallyPostings(db.sql, asPostings(c), c, skillSeriesTally(c.from, c.to, 'week', asked, new Set())), name(c)).toEqual(want);
      }
    }
  });

  it('co-occurrence over whole months', async () => {
    for (const c of cases.filter((x) => x.facet.kind === '')) {
      const months = snapToMonths(c.from, c.to);
      for (const skill of ['python', 'docker', 'cobol']) {
        const want = await cooccurring(src, asRollup(c, months), skill, 20);
        expect(await tallyPostings(db.sql, asPostings(c, months), months, cooccurrenceTally(months.from, months.to, skill, 20)), `${name(c)} ${skill}`).toEqual(want);
      }
    }
  });

  it('salary percentiles per group and currency, byte for byte', async () => {
    let bands = 0;
    for (const c of cases.filter((x) => x.facet.kind !== 'skill' && x.facet.kind !== 'company')) {
      const months = snapToMonths(c.from, c.to);
      const groups: SalaryGroup[] = c.facet.kind === '' ? ['role', 'skill', 'country', 'seniority'] : ['role', 'country', 'seniority'];
      for (const groupBy of groups) {
        const want = (await salaryBands(src, asRollup(c, months), groupBy)).text();
        expect(await tallyPostings(db.sql, asPostings(c, months), months, salaryTally(months.from, months.to, groupBy)), `${name(c)} ${groupBy}`).toBe(want);
        bands += (JSON.parse(want) as unknown[]).length;
      }
    }
    expect(bands).toBeGreaterThan(200);
  });
});

describe('postings scans', () => {
  it('run a few at a time per process, and every one finishes', async () => {
    const q = asPostings({ facet: NONE, from: '2026-08-01', to: '2026-11-30', unique: false, openOnly: false });
    const all = await Promise.all(Array.from({ length: 7 }, () => tallyPostings(db.sql, q, q, roleTally(q.from, q.to, 'month'))));
    for (const answer of all) expect(answer).toEqual(all[0]);
    expect(all[0]!.length).toBeGreaterThan(10);
  });

  it('refuse more than wait their turn, with a clear reason, and the rest still answer', async () => {
    const q = asPostings({ facet: NONE, from: '2026-08-01', to: '2026-11-30', unique: false, openOnly: false });
    const asked = Array.from({ length: SCANS_WAITING + 10 }, () => tallyPostings(db.sql, q, q, roleTally(q.from, q.to, 'month')));
    const settled = await Promise.allSettled(asked);
    const refused = settled.filter((s) => s.status === 'rejected');
    // two run and SCANS_WAITING wait: the rest are refused at once
    expect(refused).toHaveLength(8);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(BusyError);
    expect(String((refused[0] as PromiseRejectedResult).reason.message)).toMatch(/try again shortly/);
    const answers = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    for (const a of answers) expect(a).toEqual(answers[0]);
    // and once they are done, a scan runs again
    expect(await tallyPostings(db.sql, q, q, roleTally(q.from, q.to, 'month'))).toEqual(answers[0]);
  });
});
