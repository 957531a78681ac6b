// Tagging cost per 5 KB description at taxonomy sizes 50 / 500 / 5,000 / 20,000 skills (issue 5:
// <= 150 us, and the 20,000 figure within 1.5x of the 50 one). Large taxonomies are the shipped
// one plus synthetic skills with made-up multi-word aliases; descriptions are built from the
// labelled corpus, rotated so caches see realistic vocabulary rather than one text.
import { classifyPosting, loadDefaultTaxonomy } from '../src/classify/index.ts';
import { compileTaxonomy } from '../src/classify/alias-trie.ts';
import { checkContext } from '../src/classify/check-context.ts';
import { lexiconOf, lookupWords } from '../src/classify/lexicon.ts';
import { matchAliases } from '../src/classify/match-aliases.ts';
import { tokenize } from '../src/classify/tokenize.ts';
import type { TaggerSkill, TaggerTaxonomy } from '../src/classify/index.ts';
import { readCorpus } from '../src/classify/eval/corpus.ts';
import { parseText } from '../src/ingest/parse/index.ts';
import type { ParsedPosting } from '../src/types.ts';
import { cpuMicros, opsPerSecond, rssMb, yardstickMicros, type BenchFigure } from './lib.ts';

const SIZES = [50, 500, 5_000, 20_000];
const TARGET_US = 150;
const DESCRIPTION_BYTES = 5 * 1024;

/** Runs the tagger benchmark. */
export async function run(): Promise<BenchFigure[]> {
  const base = loadDefaultTaxonomy();
  const postings = descriptions(8);
  const figures: BenchFigure[] = [];
  const perSize = new Map<number, number>();
  const lookupPerSize = new Map<number, number>();
  // the real skills ordered by how often the descriptions mention them, so the 50-skill taxonomy
  // holds the common ones and finds most of the same mentions (otherwise it simply does less work)
  const counts = new Map<string, number>();
  for (const p of postings) for (const s of classifyPosting(p, base).skills) counts.set(s.skill, (counts.get(s.skill) ?? 0) + s.mentions.length);
  const byUse = { ...base, skills: [...base.skills].sort((a, b) => (counts.get(b.id) ?? 0) - (counts.get(a.id) ?? 0)) };
  const taxonomies = new Map(SIZES.map((size) => [size, sized(byUse, size)]));
  // compile every trie and warm the JIT on all sizes first, so the first size measured is not penalised
  for (const taxonomy of taxonomies.values()) for (let k = 0; k < 300; k++) classifyPosting(postings[k % postings.length] as ParsedPosting, taxonomy);
  for (const size of SIZES) {
    const taxonomy = taxonomies.get(size) as TaggerTaxonomy;
    let i = 0;
    const tag = () => classifyPosting(postings[i++ % postings.length] as ParsedPosting, taxonomy);
    const wallUs = 1e6 / opsPerSecond(tag, 2000);
    const cpuUs = cpuMicros(tag, 3000);
    perSize.set(size, cpuUs);
    const label = `classifyPosting, 5 KB description, ${size.toLocaleString('en-US')} skills`;
    figures.push({ name: `${label} (CPU time)`, value: cpuUs, unit: 'us/posting', target: `<= ${TARGET_US}`, meetsTarget: cpuUs <= TARGET_US });
    figures.push({ name: `${label} (wall clock)`, value: wallUs, unit: 'us/posting' });
    // the alias lookup alone (words -> trie -> context), the part whose cost must not grow
    const compiled = compileTaxonomy(taxonomy);
    const lexicon = lexiconOf(taxonomy);
    const tokens = postings.map((p) => tokenize(p.description));
    let k = 0;
    const lookupUs = cpuMicros(() => {
      const p = postings[k % postings.length] as ParsedPosting;
      const t = tokens[k++ % tokens.length] as ReturnType<typeof tokenize>;
      checkContext(p.description, t, matchAliases(p.description, t, compiled, lookupWords(t, lexicon)), compiled, '');
    }, 3000);
    lookupPerSize.set(size, lookupUs);
    figures.push({ name: `alias lookup only (trie + context), ${size.toLocaleString('en-US')} skills (CPU time)`, value: lookupUs, unit: 'us/posting' });
  }
  // 50 skills still match somewhat fewer mentions than the full set; the lookup-only ratio and the
  // 500 -> 20,000 ratio (same real skills) isolate taxonomy size
  const ratio = (perSize.get(20_000) ?? 0) / (perSize.get(50) ?? 1);
  figures.push({ name: 'CPU cost at 20,000 skills / cost at 50 skills, whole tagger', value: ratio, unit: 'x', target: '<= 1.5', meetsTarget: ratio <= 1.5 });
  const sameSkills = (perSize.get(20_000) ?? 0) / (perSize.get(500) ?? 1);
  figures.push({ name: 'CPU cost at 20,000 skills / cost at 500 skills (same real skills), whole tagger', value: sameSkills, unit: 'x', target: '<= 1.5', meetsTarget: sameSkills <= 1.5 });
  const lookupRatio = (lookupPerSize.get(20_000) ?? 0) / (lookupPerSize.get(50) ?? 1);
  figures.push({ name: 'CPU cost at 20,000 skills / cost at 50 skills, alias lookup only', value: lookupRatio, unit: 'x', target: '<= 1.5', meetsTarget: lookupRatio <= 1.5 });
  // yardstick: PERFORMANCE-NOTES measured natural's WordTokenizer at 50 us on a 5.7 KB text (about
  // 44 us at this 5 KB); the ratio to this figure scales the others to that machine
  figures.push({ name: 'yardstick: natural WordTokenizer on the same 5 KB (CPU time; notes: 50 us at 5.7 KB, ~44 us at 5 KB)', value: yardstickMicros(postings[0]?.description ?? ''), unit: 'us' });
  figures.push({ name: 'RSS after compiling all four taxonomies', value: rssMb(), unit: 'MB' });
  return figures;
}

// CPU time per call: on a shared machine (load above the core count) wall-clock figures swing
// 2-3x between runs, while the process's own CPU time stays comparable.

// Postings of about 5 KB, each stitched from different corpus texts.
function descriptions(count: number): ParsedPosting[] {
  const texts = readCorpus().map((g) => g.text);
  const out: ParsedPosting[] = [];
  for (let k = 0; k < count; k++) {
    let text = '';
    for (let j = k; text.length < DESCRIPTION_BYTES; j += count) text += `${texts[j % texts.length]}\n\n`;
    out.push(parseText(text.slice(0, DESCRIPTION_BYTES), { title: 'Senior Software Engineer' }));
  }
  return out;
}

function sized(base: TaggerTaxonomy, size: number): TaggerTaxonomy {
  const skills: TaggerSkill[] = base.skills.slice(0, size);
  for (let n = skills.length; n < size; n++) skills.push(synthetic(n));
  return { ...base, version: `bench-${size}`, skills };
}

const SYLLABLES = ['zor', 'blax', 'quin', 'tor', 'vel', 'mira', 'dex', 'lum', 'kai', 'ros', 'tek', 'nova', 'pyx', 'gral', 'fen', 'orb'];

// Deterministic made-up product names: one to three words, some with version suffixes.
function synthetic(n: number): TaggerSkill {
  const word = (k: number) => (SYLLABLES[k % 16] ?? '') + (SYLLABLES[Math.floor(k / 16) % 16] ?? '') + (SYLLABLES[Math.floor(k / 256) % 16] ?? '');
  const name = n % 3 === 0 ? `${word(n)} ${word(n * 7 + 3)}` : n % 3 === 1 ? word(n) : `${word(n)} db ${n % 10}`;
  return { id: `synthetic-${n}`, name, category: 'tools', aliases: [name, `${word(n)}js`] };
}
