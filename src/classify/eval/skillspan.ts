// Scores the tagger against SkillSpan (Zhang et al., NAACL 2022): real job ads split into
// sentences, KNOWLEDGE spans marked by people. Read at run time from a path; never copied into
// the repo. Each posting becomes one description (one sentence per line), gold spans become
// character spans, and a gold span maps to a taxonomy id when its whole text is one alias.
import { readFileSync } from 'node:fs';
import type { ParsedPosting, Taxonomy } from '../../types.ts';
import { compileTaxonomy } from '../alias-trie.ts';
import { checkContext } from '../check-context.ts';
import { classifyPosting } from '../classify-posting.ts';
import { lexiconOf, lookupWords } from '../lexicon.ts';
import { matchAliases } from '../match-aliases.ts';
import type { TaggerTaxonomy } from '../taxonomy-types.ts';
import { tokenize } from '../tokenize.ts';
import { SEED_SKILLS, type Counts } from './score-corpus.ts';

interface Sentence {
  idx: number;
  tokens: string[];
  tags_knowledge: string[];
}

interface GoldSpan {
  start: number;
  end: number;
  text: string;
  /** taxonomy id the span's text is an alias of, or null */
  id: string | null;
}

export interface SkillSpanReport {
  postings: number;
  goldSpans: number;
  /** gold spans whose text is an alias in the taxonomy */
  mappedSpans: number;
  distinctGoldTexts: number;
  distinctMappedTexts: number;
  /** predicted (non-negated) mentions that overlap a gold KNOWLEDGE span */
  mentionPrecision: { hit: number; total: number };
  /** the same, counting only sentences where annotators marked at least one KNOWLEDGE span */
  annotatedPrecision: { hit: number; total: number };
  /** gold spans that map to an id, covered by a predicted mention of that id */
  spanRecall: { hit: number; total: number };
  /** predicted skill ids per posting vs the ids gold spans map to */
  ids: Counts;
  seedIds: Counts;
  /** predicted mentions outside every gold span, most frequent first */
  unmatched: Map<string, number>;
  /** mapped gold ids we missed */
  missed: Map<string, number>;
}

/** Runs the tagger over a SkillSpan JSONL file and compares with its KNOWLEDGE spans. */
export function scoreSkillSpan(path: string, taxonomy: Taxonomy): SkillSpanReport {
  const byPosting = new Map<number, Sentence[]>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const s = JSON.parse(line) as Sentence;
    byPosting.set(s.idx, [...(byPosting.get(s.idx) ?? []), s]);
  }
  const report: SkillSpanReport = {
    postings: byPosting.size, goldSpans: 0, mappedSpans: 0, distinctGoldTexts: 0, distinctMappedTexts: 0,
    mentionPrecision: { hit: 0, total: 0 }, annotatedPrecision: { hit: 0, total: 0 }, spanRecall: { hit: 0, total: 0 }, ids: { tp: 0, fp: 0, fn: 0 }, seedIds: { tp: 0, fp: 0, fn: 0 },
    unmatched: new Map(), missed: new Map(),
  };
  const goldTexts = new Set<string>();
  const mappedTexts = new Set<string>();
  const seed = new Set(SEED_SKILLS);
  for (const sentences of byPosting.values()) {
    const { description, spans, annotated } = toDescription(sentences, taxonomy as TaggerTaxonomy);
    report.goldSpans += spans.length;
    for (const s of spans) {
      goldTexts.add(s.text.toLowerCase());
      if (s.id) { report.mappedSpans++; mappedTexts.add(s.text.toLowerCase()); }
    }
    const c = classifyPosting(toPosting(description), taxonomy);
    const predictedIds = new Set<string>();
    for (const tag of c.skills.filter((t) => !t.negated)) {
      predictedIds.add(tag.skill);
      for (const m of tag.mentions) {
        const hit = spans.some((s) => m.start < s.end && s.start < m.end);
        report.mentionPrecision.total++;
        if (hit) report.mentionPrecision.hit++;
        else report.unmatched.set(`${tag.skill} "${m.text}"`, (report.unmatched.get(`${tag.skill} "${m.text}"`) ?? 0) + 1);
        if (annotated.some(([a, b]) => m.start >= a && m.end <= b)) {
          report.annotatedPrecision.total++;
          if (hit) report.annotatedPrecision.hit++;
        }
      }
    }
    const wantedTags = c.skills.filter((t) => !t.negated);
    for (const s of spans) {
      if (!s.id) continue;
      report.spanRecall.total++;
      if (wantedTags.some((t) => t.skill === s.id && t.mentions.some((m) => m.start < s.end && s.start < m.end))) report.spanRecall.hit++;
    }
    const goldIds = new Set(spans.flatMap((s) => (s.id ? [s.id] : [])));
    // an id we tag that gold never marked is only counted wrong when gold had a chance to mark it:
    // SkillSpan annotators mark KNOWLEDGE spans, so every predicted id is compared with gold ids
    for (const id of new Set([...predictedIds, ...goldIds])) {
      const key: keyof Counts = predictedIds.has(id) && goldIds.has(id) ? 'tp' : predictedIds.has(id) ? 'fp' : 'fn';
      report.ids[key]++;
      if (seed.has(id)) report.seedIds[key]++;
      if (key === 'fn') report.missed.set(id, (report.missed.get(id) ?? 0) + 1);
    }
  }
  report.distinctGoldTexts = goldTexts.size;
  report.distinctMappedTexts = mappedTexts.size;
  return report;
}

function toDescription(sentences: Sentence[], taxonomy: TaggerTaxonomy): { description: string; spans: GoldSpan[]; annotated: Array<[number, number]> } {
  let description = '';
  const spans: GoldSpan[] = [];
  const annotated: Array<[number, number]> = [];
  for (const s of sentences) {
    if (s.tags_knowledge.some((t) => t !== 'O')) annotated.push([description.length, description.length + s.tokens.join(' ').length]);
    let open: { start: number; end: number } | null = null;
    const close = () => {
      if (open) {
        const text = description.slice(open.start, open.end);
        spans.push({ ...open, text, id: aliasId(text, taxonomy) });
        open = null;
      }
    };
    s.tokens.forEach((token, i) => {
      if (i > 0) description += ' ';
      const start = description.length;
      description += token;
      const tag = s.tags_knowledge[i] ?? 'O';
      if (tag === 'B' || (tag === 'I' && !open)) {
        close();
        open = { start, end: description.length };
      } else if (tag === 'I' && open) {
        open.end = description.length;
      } else close();
    });
    close();
    description += '\n';
  }
  return { description, spans, annotated };
}

// A gold span maps to an id when a single alias match covers all of its tokens.
function aliasId(text: string, taxonomy: TaggerTaxonomy): string | null {
  const compiled = compileTaxonomy(taxonomy);
  const tokens = tokenize(text);
  if (tokens.lower.length === 0) return null;
  const words = lookupWords(tokens, lexiconOf(taxonomy));
  const matches = checkContext(text, tokens, matchAliases(text, tokens, compiled, words), compiled, '');
  const whole = matches.find((m) => m.first === 0 && m.last === tokens.lower.length - 1);
  const plainWhole = whole ?? matchAliases(text, tokens, compiled, words).find((m) => m.first === 0 && m.last === tokens.lower.length - 1);
  return plainWhole ? (compiled.skills[plainWhole.skill]?.def.id ?? null) : null;
}

function toPosting(description: string): ParsedPosting {
  return {
    url: null, title: null, company: null, description, sections: [], location: null, locations: [], workplace: null,
    employmentType: null, datePosted: null, validThrough: null, salary: null, structuredData: { source: 'text', issues: [] },
  };
}
