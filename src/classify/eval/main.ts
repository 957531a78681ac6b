// `npm run eval`: scores the tagger on the labelled corpus (src/classify/eval/corpus) and, with
// `--skillspan <path>`, on SkillSpan's KNOWLEDGE spans. `--errors` lists every disagreement.
import { parseText } from '../../ingest/parse/index.ts';
import { classifyPosting } from '../classify-posting.ts';
import { loadDefaultTaxonomy } from '../default-taxonomy.ts';
import type { Classification } from '../../types.ts';
import { readCorpus, type GoldPosting } from './corpus.ts';
import { printCorpusReport, printSkillSpanReport } from './print-report.ts';
import { scoreCorpus } from './score-corpus.ts';
import { scoreSkillSpan } from './skillspan.ts';

const args = process.argv.slice(2);
const taxonomy = loadDefaultTaxonomy();
const spanAt = args.indexOf('--skillspan');

if (spanAt >= 0) {
  const path = args[spanAt + 1];
  if (!path) throw new Error('--skillspan needs a path to a SkillSpan JSONL file (train.json or dev.json)');
  printSkillSpanReport(path, scoreSkillSpan(path, taxonomy), args.includes('--errors'));
} else {
  const gold = readCorpus();
  const predicted = gold.map((g) => classifyPosting(parseText(g.text, { title: g.title }), taxonomy));
  printCorpusReport(scoreCorpus(gold, predicted), { errors: args.includes('--errors'), taxonomyVersion: taxonomy.version });
  // holdout.jsonl was written after the rules were tuned on the other files: its figures are the honest ones
  const held = gold.flatMap((g, i) => (g.group.startsWith('holdout') ? [i] : []));
  if (held.length > 0) {
    console.log(`\n--- held-out subsets (corpus/holdout*.jsonl, ${held.length} postings) ---`);
    printCorpusReport(scoreCorpus(held.map((i) => gold[i] as GoldPosting), held.map((i) => predicted[i] as Classification)), { errors: false, taxonomyVersion: taxonomy.version, brief: true });
  }
}
