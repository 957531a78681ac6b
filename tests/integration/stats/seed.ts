import type { Sql } from 'postgres';
import { upsertSubmittedPostings, writeAnalyses } from '../../../src/db/postings.sql.ts';
import type { PostingAnalysis, Requirement, Seniority, Workplace } from '../../../src/types.ts';

// Hand-made analyses written through the real write path (writeAnalyses), so the statistics
// see exactly what the worker would have written.

export interface SeedPosting {
  key: string;
  title: string;
  company: string;
  city: string;
  country: string;
  workplace: Workplace;
  seniority: Seniority;
  datePosted: string;
  roles: string[];
  /** [skill id, requirement, negated?] */
  skills: Array<[string, Requirement, boolean?]>;
  industries?: string[];
  salary?: { min: number; max: number; currency: string };
  source?: 'submit' | 'feed';
}

function analysis(p: SeedPosting): PostingAnalysis {
  return {
    url: `https://jobs.example.com/${p.key}`,
    title: p.title,
    company: p.company,
    location: { raw: `${p.city}, ${p.country}`, city: p.city, region: null, country: p.country },
    workplace: p.workplace,
    employmentType: 'full-time',
    datePosted: p.datePosted,
    validThrough: null,
    salary: p.salary ? { ...p.salary, period: 'year', annualMin: p.salary.min, annualMax: p.salary.max } : null,
    seniority: p.seniority,
    industries: p.industries ?? [],
    roles: p.roles.map((role, i) => ({ role, score: 0.9 - i * 0.1, evidence: [p.title] })),
    skills: p.skills.map(([skill, requirement, negated]) => ({
      skill,
      name: skill,
      category: 'test',
      requirement,
      negated: negated ?? false,
      mentions: [{ start: 0, end: skill.length, text: skill }],
    })),
    structuredData: { source: 'json-ld', issues: [] },
    taxonomyVersion: 'test',
  };
}

/** Creates and analyses the postings one by one (in order, so first-seen order is the list order); returns ids by key. */
export async function seedPostings(sql: Sql, postings: SeedPosting[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const p of postings) {
    const url = `https://jobs.example.com/${p.key}`;
    const [row] = await upsertSubmittedPostings(sql, [{ canonicalUrl: url, url }], p.source ?? 'submit');
    const a = analysis(p);
    await writeAnalyses(sql, [
      {
        postingId: row!.id,
        analysis: a,
        description: `${p.title} at ${p.company}. ${p.key} ${p.skills.map((s) => s[0]).join(' ')}`,
        sections: [],
        contentHash: p.key,
        fetchedAt: new Date(),
        etag: null,
        lastModified: null,
      },
    ]);
    ids.set(p.key, row!.id);
  }
  return ids;
}

/** The fixture postings the statistics tests compute their expectations from (see the test). */
export const POSTINGS: SeedPosting[] = [
  { key: 'p6', title: 'Data Analyst', company: 'Beta', city: 'Munich', country: 'DE', workplace: 'remote', seniority: 'mid', datePosted: '2026-09-28', roles: ['data-science-ml'], skills: [['pandas', 'required']] },
  { key: 'p1', title: 'Senior API Engineer', company: 'Acme', city: 'Berlin', country: 'DE', workplace: 'remote', seniority: 'senior', datePosted: '2026-10-05', roles: ['api-integration', 'full-stack'], skills: [['python', 'required'], ['fastapi', 'required'], ['docker', 'preferred']], industries: ['fintech'], salary: { min: 60000, max: 80000, currency: 'EUR' } },
  { key: 'p2', title: 'Data Scientist', company: 'Beta', city: 'Hamburg', country: 'DE', workplace: 'hybrid', seniority: 'mid', datePosted: '2026-10-06', roles: ['data-science-ml'], skills: [['python', 'required'], ['pandas', 'required'], ['docker', 'mentioned'], ['aws', 'required', true]], salary: { min: 50000, max: 50000, currency: 'EUR' }, source: 'feed' },
  { key: 'p3', title: 'Python Backend Engineer', company: 'Acme', city: 'New York', country: 'US', workplace: 'remote', seniority: 'senior', datePosted: '2026-10-13', roles: ['api-integration'], skills: [['python', 'preferred'], ['fastapi', 'required']], salary: { min: 100000, max: 120000, currency: 'USD' } },
  // the same opening as p3, posted again: linked as its duplicate by writeAnalyses
  { key: 'p4', title: 'Python Backend Engineer', company: 'ACME', city: 'New York', country: 'US', workplace: 'remote', seniority: 'senior', datePosted: '2026-10-14', roles: ['api-integration'], skills: [['python', 'required'], ['fastapi', 'required']], salary: { min: 120000, max: 140000, currency: 'USD' } },
  { key: 'p5', title: 'Junior Django Developer', company: 'Gamma', city: 'London', country: 'GB', workplace: 'onsite', seniority: 'junior', datePosted: '2026-10-14', roles: ['full-stack'], skills: [['python', 'required'], ['django', 'required']], salary: { min: 40000, max: 40000, currency: 'GBP' } },
  { key: 'p7', title: 'DevOps Engineer', company: 'Delta', city: 'Austin', country: 'US', workplace: 'remote', seniority: 'mid', datePosted: '2026-10-15', roles: ['automation-devops'], skills: [['docker', 'required'], ['aws', 'required']] },
];
