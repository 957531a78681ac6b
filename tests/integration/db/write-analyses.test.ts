import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeText } from '../../../src/analyze.ts';
import { loadDefaultTaxonomy } from '../../../src/classify/index.ts';
import { upsertSubmittedPostings, writeAnalyses } from '../../../src/db/postings.sql.ts';
import type { AnalysisWrite } from '../../../src/db/postings.sql.ts';
import { createTestDatabase } from '../../helpers/services.ts';
import type { TestDatabase } from '../../helpers/services.ts';

// writeAnalyses stores a batch in one transaction: the postings, and their roles and skills with
// evidence. A batch written again (a replayed job) replaces rows instead of adding to them.

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

async function prepare(url: string, title: string, text: string): Promise<AnalysisWrite> {
  const [p] = await upsertSubmittedPostings(db.sql, [{ url, canonicalUrl: url }]);
  const { parsed, analysis } = analyzeText(text, { title, url }, loadDefaultTaxonomy());
  return { postingId: p!.id, analysis, description: parsed.description, sections: parsed.sections, contentHash: url, fetchedAt: new Date(), etag: null, lastModified: null };
}

describe('writeAnalyses', () => {
  it('stores every role and skill of a batch with its evidence, and a replay replaces them', async () => {
    const dev = await prepare('https://jobs.example/w/1', 'Backend Python Developer', 'Requirements: Python, Django and PostgreSQL. Nice to have: Docker. No Java experience needed.');
    const nurse = await prepare('https://jobs.example/w/2', 'Night Nurse', 'Care for patients on our surgical ward. Registered nurse licence required.');
    expect(dev.analysis.skills.length).toBeGreaterThan(2);
    expect(nurse.analysis.roles).toEqual([]);

    for (let round = 1; round <= 2; round++) {
      await writeAnalyses(db.sql, [dev, nurse]);
      const skills = await db.sql<{ skill: string; requirement: string; negated: boolean; mentions: Array<{ start: number; end: number; text: string }> }[]>`
        select skill, requirement, negated, mentions from posting_skills where posting_id = ${dev.postingId} order by skill`;
      expect(skills.map((s) => s.skill)).toEqual(dev.analysis.skills.map((s) => s.skill).sort());
      for (const s of skills) {
        const tag = dev.analysis.skills.find((t) => t.skill === s.skill)!;
        expect({ requirement: s.requirement, negated: s.negated, mentions: s.mentions }).toEqual({ requirement: tag.requirement, negated: tag.negated, mentions: tag.mentions });
        for (const m of s.mentions) expect(dev.description.slice(m.start, m.end)).toBe(m.text);
      }
      const roles = await db.sql<{ role: string; score: number; isPrimary: boolean; evidence: unknown }[]>`
        select role, score, is_primary, evidence from posting_roles where posting_id = ${dev.postingId} order by is_primary desc, score desc`;
      expect(roles.map((r) => r.role)).toEqual(dev.analysis.roles.map((r) => r.role));
      expect(roles[0]!.isPrimary).toBe(true);
      expect(roles[0]!.score).toBeCloseTo(dev.analysis.roles[0]!.score, 5);
      expect(roles[0]!.evidence).toEqual(dev.analysis.roles[0]!.evidence);
      const [nurseRows] = await db.sql<{ roles: number; skills: number }[]>`
        select (select count(*)::int from posting_roles where posting_id = ${nurse.postingId}) as roles,
               (select count(*)::int from posting_skills where posting_id = ${nurse.postingId}) as skills`;
      expect(nurseRows!.roles).toBe(0);
      const [posting] = await db.sql<{ status: string; analyzedCount: number; primaryRole: string | null }[]>`
        select status, analyzed_count, primary_role from postings where id = ${dev.postingId}`;
      expect(posting).toEqual({ status: 'done', analyzedCount: round, primaryRole: dev.analysis.roles[0]!.role });
    }
  });
});
