// Seeds a bench database with realistic postings through COPY: roles, ~25 skills each from the
// default taxonomy (Zipf-weighted), countries, workplaces, seniorities, salaries in a few
// currencies, dates over a year, ~10% reposts, ~20% closed. Deterministic: every value of
// posting i comes from a PRNG seeded with i, so the three COPY streams run in parallel and agree.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Sql } from 'postgres';

export interface SeedVocabulary {
  roles: string[];
  skills: string[];
}

const COUNTRIES: Array<[string, number]> = [
  ['US', 30], ['DE', 12], ['GB', 10], ['IN', 8], ['CA', 6], ['NL', 5], ['FR', 5], ['PL', 4], ['ES', 3], ['SE', 3],
  ['CH', 2], ['AU', 3], ['BR', 2], ['IE', 2], ['PT', 2], ['IT', 1], ['AT', 1], ['DK', 1],
];
const WORKPLACES: Array<[string, number]> = [['remote', 35], ['hybrid', 35], ['onsite', 30]];
const SENIORITIES: Array<[string | null, number]> = [['intern', 2], ['junior', 14], ['mid', 33], ['senior', 33], ['lead', 8], ['principal', 3], [null, 7]];
const SOURCES: Array<[string, number]> = [['feed', 80], ['submit', 15], ['paste', 5]];
const INDUSTRIES: Array<[string | null, number]> = [
  [null, 50], ['fintech', 10], ['healthcare', 8], ['e-commerce', 8], ['saas', 8], ['gaming', 4], ['education', 4], ['logistics', 4], ['media', 4],
];
const CURRENCIES: Array<[string, number, number]> = [['USD', 50, 1.0], ['EUR', 30, 0.85], ['GBP', 15, 0.75], ['CAD', 5, 1.3]];
const SENIORITY_PAY: Record<string, number> = { intern: 35_000, junior: 65_000, mid: 95_000, senior: 130_000, lead: 155_000, principal: 185_000 };
const COMPANIES = 6000;
const REQUIREMENTS: Array<[string, number]> = [['required', 60], ['preferred', 25], ['mentioned', 15]];

// mulberry32: small, fast, good enough for synthetic data.
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Weighted choice by binary search over cumulative weights (the company list has thousands).
function picker<T>(weighted: ReadonlyArray<readonly [T, number, ...unknown[]]>): (r: number) => T {
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weighted) cumulative.push((total += w[1]));
  return (r) => {
    const x = r * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return weighted[lo]![0];
  };
}

interface Posting {
  id: number;
  day: string;
  country: string;
  workplace: string;
  seniority: string | null;
  source: string;
  industry: string | null;
  company: number;
  roles: string[];
  skills: Array<[string, string, boolean]>;
  salary: { currency: string; min: number; max: number } | null;
  dupOf: number | null;
  closed: boolean;
}

/** Builds the generator of posting i over `days` days ending `lastDay`. */
export function postingFactory(v: SeedVocabulary, days: number, lastDay: string) {
  const country = picker(COUNTRIES);
  const workplace = picker(WORKPLACES);
  const seniority = picker(SENIORITIES);
  const source = picker(SOURCES);
  const industry = picker(INDUSTRIES);
  const requirement = picker(REQUIREMENTS);
  const currency = picker(CURRENCIES.map(([c, w]) => [c, w] as const));
  const fx = new Map(CURRENCIES.map(([c, , r]) => [c, r]));
  // Zipf over skills (rank k weight 1/k^0.8) and companies; roles lean to the first ones.
  const skillPick = picker(v.skills.map((s, k) => [s, 1 / Math.pow(k + 1, 0.8)] as const));
  const rolePick = picker(v.roles.map((r, k) => [r, 5 - k * 0.7] as const));
  const companyPick = picker(Array.from({ length: COMPANIES }, (_, k) => [k, 1 / (k + 1)] as const));
  const end = Date.parse(`${lastDay}T00:00:00Z`);

  return (id: number): Posting => {
    const r = prng(id * 2654435761);
    // Later days get a little more postings: demand grows over the year.
    const age = Math.floor(Math.pow(r(), 1.15) * days);
    const day = new Date(end - age * 86_400_000).toISOString().slice(0, 10);
    const roles = [...new Set([rolePick(r()), ...(r() < 0.45 ? [rolePick(r())] : []), ...(r() < 0.1 ? [rolePick(r())] : [])])];
    const want = 18 + Math.floor(r() * 15);
    const skills = new Map<string, [string, string, boolean]>();
    for (let tries = 0; skills.size < want && tries < want * 4; tries++) {
      const s = skillPick(r());
      if (!skills.has(s)) skills.set(s, [s, requirement(r()), r() < 0.02]);
    }
    const sen = seniority(r());
    const cur = currency(r());
    const base = (SENIORITY_PAY[sen ?? 'mid'] ?? 95_000) * (fx.get(cur) ?? 1) * (0.7 + r() * 0.6);
    const salary = r() < 0.4 ? { currency: cur, min: Math.round(base / 1000) * 1000, max: Math.round((base * (1.1 + r() * 0.3)) / 1000) * 1000 } : null;
    return {
      id,
      day,
      country: country(r()),
      workplace: workplace(r()),
      seniority: sen,
      source: source(r()),
      industry: industry(r()),
      company: companyPick(r()),
      roles,
      skills: [...skills.values()],
      salary,
      dupOf: id > 100 && r() < 0.1 ? 1 + Math.floor(r() * (id - 1)) : null,
      closed: r() < 0.2,
    };
  };
}

const esc = (s: string) => s.replace(/[\\\t\n\r]/g, (m) => (m === '\t' ? '\\t' : m === '\n' ? '\\n' : m === '\r' ? '\\r' : '\\\\'));

function postingLine(p: Posting): string {
  const company = `Company ${p.company}`;
  const salary = p.salary ? esc(JSON.stringify({ min: p.salary.min, max: p.salary.max, currency: p.salary.currency, period: 'year', annualMin: p.salary.min, annualMax: p.salary.max })) : '\\N';
  const closed = p.closed ? `${p.day} 12:00:00+00` : '\\N';
  return [
    p.id, `https://jobs.example.com/${p.id}`, `https://jobs.example.com/${p.id}`, p.source, 'done',
    esc(`${p.seniority ?? ''} ${p.roles[0]} engineer`.trim()), company, p.country, p.workplace, p.seniority ?? '\\N',
    p.industry ? `{${p.industry}}` : '{}', p.roles[0] ?? '\\N', p.day, `${p.day} 08:00:00+00`, closed, p.dupOf ?? '\\N', salary,
  ].join('\t');
}

async function copy(sql: Sql, statement: string, n: number, lines: (id: number) => string): Promise<void> {
  const CHUNK = 2000;
  async function* chunks() {
    for (let start = 1; start <= n; start += CHUNK) {
      let out = '';
      for (let id = start; id < Math.min(start + CHUNK, n + 1); id++) out += lines(id);
      yield out;
    }
  }
  const writable = await sql.unsafe(statement).writable();
  await pipeline(Readable.from(chunks()), writable);
}

/**
 * Writes n postings with their roles and skills by COPY (three streams at once). Triggers and
 * foreign-key checks are off for the load (session_replication_role): the data is consistent by
 * construction and the first refresh rebuilds every day anyway.
 */
export async function seedPostings(sql: Sql, v: SeedVocabulary, n: number, lastDay: string): Promise<void> {
  const make = postingFactory(v, 365, lastDay);
  const replica = (s: Sql) => s`set session_replication_role = replica`;
  const streams = [
    ['copy postings (id, canonical_url, url, source, status, title, company, country, workplace, seniority, industries, primary_role, date_posted, first_seen_at, closed_at, duplicate_of, salary) from stdin', (id: number) => postingLine(make(id)) + '\n'],
    ['copy posting_roles (posting_id, role, score, is_primary) from stdin', (id: number) => make(id).roles.map((r, i) => `${id}\t${r}\t${(0.9 - i * 0.2).toFixed(2)}\t${i === 0 ? 't' : 'f'}\n`).join('')],
    ['copy posting_skills (posting_id, skill, requirement, negated) from stdin', (id: number) => make(id).skills.map(([s, req, neg]) => `${id}\t${s}\t${req}\t${neg ? 't' : 'f'}\n`).join('')],
  ] as const;
  // 25 M skill rows load far faster into a bare table; the keys are rebuilt once at the end.
  await sql`alter table posting_skills drop constraint posting_skills_pkey`;
  await sql`drop index posting_skills_skill_idx`;
  await Promise.all(
    streams.map(async ([statement, lines]) => {
      const conn = await sql.reserve();
      try {
        await replica(conn);
        await copy(conn, statement, n, lines);
      } finally {
        await conn`reset session_replication_role`;
        conn.release();
      }
    }),
  );
  await sql`alter table posting_skills add primary key (posting_id, skill)`;
  await sql`create index posting_skills_skill_idx on posting_skills (skill)`;
  await sql`select setval(pg_get_serial_sequence('postings', 'id'), ${n})`;
  await sql`analyze postings, posting_roles, posting_skills`;
}
