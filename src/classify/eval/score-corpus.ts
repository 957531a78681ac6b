// Scores the tagger against the labelled corpus: skill precision/recall/F1 (all skills and the
// seed's), negation and preference accuracy, primary-role accuracy, no-role rate on non-software
// postings, and a role confusion matrix. Pure: takes predictions, returns figures.
import type { Classification } from '../../types.ts';
import { isNonSoftware, type GoldPosting } from './corpus.ts';

export const SEED_SKILLS = [
  'django', 'flask', 'fastapi', 'django-rest-framework', 'pandas', 'numpy', 'scikit-learn', 'tensorflow', 'pytorch',
  'keras', 'hugging-face-transformers', 'jupyter', 'postgresql', 'mysql', 'mongodb', 'docker', 'github-actions',
  'jenkins', 'git', 'aws', 'gcp', 'azure', 'pytest', 'unittest', 'python', 'vs-code', 'pycharm',
];

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Errors {
  id: string;
  falsePositives: string[];
  falseNegatives: string[];
  negationErrors: string[];
  preferenceErrors: string[];
  role: { gold: string | null; predicted: string | null };
}

export interface CorpusReport {
  postings: number;
  overall: Counts;
  seed: Counts;
  perSkill: Map<string, Counts>;
  negation: { correct: number; total: number; wronglyNegated: number };
  preferred: { correct: number; total: number };
  primaryRole: { correct: number; total: number };
  nonSoftwareNoRole: { correct: number; total: number };
  confusion: Map<string, Map<string, number>>;
  /** every predicted role by score band: how many, and how many are gold roles of the posting */
  calibration: Array<{ from: number; to: number; predicted: number; correct: number }>;
  errors: Errors[];
}

const BANDS = [0, 0.5, 0.7, 0.9, 1.01];

const NONE = '(none)';

/** Compares predictions (same order as gold) with the gold labels. */
export function scoreCorpus(gold: GoldPosting[], predicted: Classification[]): CorpusReport {
  const report: CorpusReport = {
    postings: gold.length,
    overall: zero(),
    seed: zero(),
    perSkill: new Map(),
    negation: { correct: 0, total: 0, wronglyNegated: 0 },
    preferred: { correct: 0, total: 0 },
    primaryRole: { correct: 0, total: 0 },
    nonSoftwareNoRole: { correct: 0, total: 0 },
    confusion: new Map(),
    calibration: BANDS.slice(0, -1).map((from, i) => ({ from, to: BANDS[i + 1] as number, predicted: 0, correct: 0 })),
    errors: [],
  };
  const seed = new Set(SEED_SKILLS);
  gold.forEach((g, i) => {
    const p = predicted[i] as Classification;
    const wanted = new Set(p.skills.filter((s) => !s.negated).map((s) => s.skill));
    const negated = new Set(p.skills.filter((s) => s.negated).map((s) => s.skill));
    const goldSkills = new Set(g.skills);
    const err: Errors = { id: g.id, falsePositives: [], falseNegatives: [], negationErrors: [], preferenceErrors: [], role: { gold: null, predicted: null } };
    for (const id of new Set([...wanted, ...goldSkills])) {
      const c = report.perSkill.get(id) ?? zero();
      const key: keyof Counts = wanted.has(id) && goldSkills.has(id) ? 'tp' : wanted.has(id) ? 'fp' : 'fn';
      c[key]++;
      report.perSkill.set(id, c);
      report.overall[key]++;
      if (seed.has(id)) report.seed[key]++;
      if (key === 'fp') err.falsePositives.push(id);
      if (key === 'fn') err.falseNegatives.push(id);
    }
    for (const id of g.negated) {
      report.negation.total++;
      if (negated.has(id) && !wanted.has(id)) report.negation.correct++;
      else err.negationErrors.push(`${id} not negated`);
    }
    for (const id of negated) if (goldSkills.has(id)) { report.negation.wronglyNegated++; err.negationErrors.push(`${id} wrongly negated`); }
    for (const s of p.skills) {
      if (s.negated || !goldSkills.has(s.skill)) continue;
      report.preferred.total++;
      if ((s.requirement === 'preferred') === g.preferred.includes(s.skill)) report.preferred.correct++;
      else err.preferenceErrors.push(`${s.skill}: ${s.requirement}`);
    }
    for (const r of p.roles) {
      const band = report.calibration.find((b) => r.score >= b.from && r.score < b.to);
      if (!band) continue;
      band.predicted++;
      if (g.roles.includes(r.role)) band.correct++;
    }
    const goldRole = g.roles[0] ?? NONE;
    const predRole = p.roles[0]?.role ?? NONE;
    if (g.roles.length > 0) {
      report.primaryRole.total++;
      if (goldRole === predRole) report.primaryRole.correct++;
    }
    if (isNonSoftware(g)) {
      report.nonSoftwareNoRole.total++;
      if (p.roles.length === 0) report.nonSoftwareNoRole.correct++;
    }
    const row = report.confusion.get(goldRole) ?? new Map<string, number>();
    row.set(predRole, (row.get(predRole) ?? 0) + 1);
    report.confusion.set(goldRole, row);
    if (goldRole !== predRole) err.role = { gold: goldRole, predicted: predRole };
    if (err.falsePositives.length || err.falseNegatives.length || err.negationErrors.length || err.preferenceErrors.length || goldRole !== predRole) {
      report.errors.push(err);
    }
  });
  return report;
}

/** Precision, recall and F1 of counts (1 when there is nothing to get wrong). */
export function prf(c: Counts): { precision: number; recall: number; f1: number } {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

function zero(): Counts {
  return { tp: 0, fp: 0, fn: 0 };
}
