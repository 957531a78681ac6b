// Prints eval figures as plain tables on stdout.
import { prf, type Counts, type CorpusReport } from './score-corpus.ts';
import type { SkillSpanReport } from './skillspan.ts';

const pct = (x: number) => x.toFixed(3);
const ratio = (a: number, b: number) => (b === 0 ? '-' : `${pct(a / b)} (${a}/${b})`);

function line(label: string, c: Counts): string {
  const { precision, recall, f1 } = prf(c);
  return `${label.padEnd(28)} P ${pct(precision)}  R ${pct(recall)}  F1 ${pct(f1)}  (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})`;
}

/** Prints the labelled-corpus report. */
export function printCorpusReport(r: CorpusReport, opts: { errors: boolean; taxonomyVersion: string; brief?: boolean }): void {
  console.log(`labelled corpus: ${r.postings} postings, taxonomy ${opts.taxonomyVersion}\n`);
  if (!opts.brief) {
    console.log('per skill (tp+fn+fp > 0):');
    const rows = [...r.perSkill.entries()].sort((a, b) => b[1].tp + b[1].fn - (a[1].tp + a[1].fn) || a[0].localeCompare(b[0]));
    for (const [id, c] of rows) console.log(`  ${line(id, c)}`);
    console.log('');
  }
  console.log(line('skills, overall (micro)', r.overall));
  console.log(line('skills, seed only (micro)', r.seed));
  console.log(`negated skills recognised     ${ratio(r.negation.correct, r.negation.total)}; wanted skills wrongly negated: ${r.negation.wronglyNegated}`);
  console.log(`preferred vs not, correct     ${ratio(r.preferred.correct, r.preferred.total)}`);
  console.log(`primary role accuracy         ${ratio(r.primaryRole.correct, r.primaryRole.total)}`);
  console.log(`non-software with no role     ${ratio(r.nonSoftwareNoRole.correct, r.nonSoftwareNoRole.total)}`);
  console.log('role scores vs truth (all predicted roles, by score band):');
  for (const b of r.calibration) if (b.predicted) console.log(`  score ${b.from.toFixed(1)}-${Math.min(b.to, 1).toFixed(1)}: ${ratio(b.correct, b.predicted)} are gold roles`);
  console.log('\nrole confusion (rows: gold primary, columns: predicted primary):');
  const labels = [...new Set([...r.confusion.keys(), ...[...r.confusion.values()].flatMap((m) => [...m.keys()])])].sort();
  const w = Math.max(...labels.map((l) => l.length)) + 2;
  console.log(`${''.padEnd(w)}${labels.map((l) => l.slice(0, 10).padStart(11)).join('')}`);
  for (const g of labels) {
    const row = r.confusion.get(g);
    if (!row) continue;
    console.log(`${g.padEnd(w)}${labels.map((p) => String(row.get(p) ?? 0).padStart(11)).join('')}`);
  }
  if (opts.errors) {
    console.log('\ndisagreements:');
    for (const e of r.errors) {
      const parts = [
        e.falsePositives.length ? `fp ${e.falsePositives.join(', ')}` : '',
        e.falseNegatives.length ? `fn ${e.falseNegatives.join(', ')}` : '',
        e.negationErrors.length ? `neg ${e.negationErrors.join(', ')}` : '',
        e.preferenceErrors.length ? `pref ${e.preferenceErrors.join(', ')}` : '',
        e.role.gold !== e.role.predicted ? `role ${e.role.gold} -> ${e.role.predicted}` : '',
      ].filter(Boolean);
      console.log(`  ${e.id}: ${parts.join(' | ')}`);
    }
  }
}

/** Prints the SkillSpan report. */
export function printSkillSpanReport(path: string, r: SkillSpanReport, errors: boolean): void {
  console.log(`SkillSpan ${path}: ${r.postings} postings, ${r.goldSpans} gold KNOWLEDGE spans\n`);
  console.log(`coverage: gold spans that are a taxonomy alias   ${ratio(r.mappedSpans, r.goldSpans)}`);
  console.log(`coverage: distinct gold span texts in taxonomy   ${ratio(r.distinctMappedTexts, r.distinctGoldTexts)}`);
  console.log(`mention precision (inside a gold span)           ${ratio(r.mentionPrecision.hit, r.mentionPrecision.total)}`);
  console.log(`  the same, in sentences with any gold span       ${ratio(r.annotatedPrecision.hit, r.annotatedPrecision.total)}`);
  console.log(`recall on gold spans the taxonomy knows           ${ratio(r.spanRecall.hit, r.spanRecall.total)}`);
  console.log(line('skill ids per posting, all', r.ids));
  console.log(line('skill ids per posting, seed', r.seedIds));
  const top = (m: Map<string, number>, n: number) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${k} x${v}`).join('; ');
  console.log(`\ntagged outside gold spans (top): ${top(r.unmatched, errors ? 200 : 15)}`);
  console.log(`mapped gold ids missed (top): ${top(r.missed, errors ? 200 : 15)}`);
}
