// Runs the labelled corpus through the tagger and fails on regressions below floors set a little
// under the figures `npm run eval` printed when they were set (skills P/R 1.00, seed 1.00,
// primary role 0.96, non-software without role 0.98).
import { describe, expect, it } from 'vitest';
import { classifyPosting, loadDefaultTaxonomy } from '../../../src/classify/index.ts';
import { readCorpus } from '../../../src/classify/eval/corpus.ts';
import { prf, scoreCorpus } from '../../../src/classify/eval/score-corpus.ts';
import { parseText } from '../../../src/ingest/parse/index.ts';

describe('labelled corpus', () => {
  const gold = readCorpus();
  const taxonomy = loadDefaultTaxonomy();
  const report = scoreCorpus(gold, gold.map((g) => classifyPosting(parseText(g.text, { title: g.title }), taxonomy)));

  it('has at least 150 postings across every group', () => {
    expect(gold.length).toBeGreaterThanOrEqual(150);
    expect(new Set(gold.map((g) => g.group)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(gold.map((g) => g.id)).size).toBe(gold.length);
  });

  it('only names skills and roles the taxonomy knows', () => {
    const skills = new Set(taxonomy.skills.map((s) => s.id));
    const roles = new Set(taxonomy.roles.map((r) => r.id));
    for (const g of gold) {
      for (const id of [...g.skills, ...g.negated, ...g.preferred]) expect(skills.has(id), `${g.id}: ${id}`).toBe(true);
      for (const id of g.preferred) expect(g.skills, `${g.id}: preferred ${id} must be a skill`).toContain(id);
      for (const r of g.roles) expect(roles.has(r), `${g.id}: ${r}`).toBe(true);
    }
  });

  it('keeps skill precision and recall, overall and on the seed skills', () => {
    const all = prf(report.overall);
    const seed = prf(report.seed);
    expect(all.precision).toBeGreaterThanOrEqual(0.97);
    expect(all.recall).toBeGreaterThanOrEqual(0.97);
    expect(seed.precision).toBeGreaterThanOrEqual(0.98);
    expect(seed.recall).toBeGreaterThanOrEqual(0.98);
  });

  it('keeps negation, preference and role figures', () => {
    expect(report.negation.correct / report.negation.total).toBeGreaterThanOrEqual(0.9);
    expect(report.negation.wronglyNegated).toBe(0);
    expect(report.preferred.correct / report.preferred.total).toBeGreaterThanOrEqual(0.97);
    expect(report.primaryRole.correct / report.primaryRole.total).toBeGreaterThanOrEqual(0.92);
    expect(report.nonSoftwareNoRole.correct / report.nonSoftwareNoRole.total).toBeGreaterThanOrEqual(0.95);
  });
});
