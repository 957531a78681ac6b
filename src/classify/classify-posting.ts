// The tagger: a pure function from a parsed posting and a taxonomy to roles, skills, seniority and
// industries. Skills are tagged from the description only, so every tag has offsets into it (a
// skill named only in the title is not tagged; the title still counts as role evidence).
import type { Classification, Mention, ParsedPosting, Requirement, SkillTag, Taxonomy } from '../types.ts';
import { compileTaxonomy, type CompiledTaxonomy } from './alias-trie.ts';
import { checkContext } from './check-context.ts';
import { detectSections, refineSections } from './detect-sections.ts';
import { detectIndustries } from './industries.ts';
import { judgeMention, type JudgeContext, type MentionJudgement } from './judge-mention.ts';
import { sentenceAt, splitSentences, type Sentences } from './sentences.ts';
import { matchAliases } from './match-aliases.ts';
import { titleWords } from './phrase-index.ts';
import { scanCues } from './scan-cues.ts';
import { scoreRoles } from './score-roles.ts';
import { detectSeniority } from './seniority.ts';
import type { TaggerTaxonomy } from './taxonomy-types.ts';
import { tokenize } from './tokenize.ts';

/** Tags one parsed posting (pure). Compiles and caches the alias trie per taxonomy object. */
export function classifyPosting(posting: ParsedPosting, taxonomy: Taxonomy): Classification {
  const tax = taxonomy as TaggerTaxonomy;
  const compiled = compileTaxonomy(tax);
  const title = posting.title ?? '';
  const text = posting.description ?? '';
  const tokens = tokenize(text);
  // the parser's sections plus headings it missed ("Helpful"); the most specific one wins
  const sections = [...refineSections(posting.sections), ...detectSections(text)];
  const skills = tagSkills(text, tokens, sections, compiled, title);
  const titleTokens = tokenize(title).lower;
  const cues = scanCues(tokens.lower, tax);
  scanCues(titleTokens, tax, cues, false);
  scanCues(tokenize(posting.company ?? '').lower, tax, cues, false);
  const roles = scoreRoles({ title, titleWords: titleWords(titleTokens), cues: cues.roles, skills }, tax);
  return {
    roles,
    skills,
    seniority: detectSeniority(title, text, tokens),
    industries: detectIndustries(cues.industries),
    taxonomyVersion: taxonomy.version,
  };
}

const RANK: Record<Requirement, number> = { required: 3, preferred: 2, mentioned: 1 };

function tagSkills(
  text: string,
  tokens: ReturnType<typeof tokenize>,
  sections: ParsedPosting['sections'],
  compiled: CompiledTaxonomy,
  title: string,
): SkillTag[] {
  const matches = checkContext(text, tokens, matchAliases(text, tokens, compiled), compiled, title);
  const sentences = splitSentences(text);
  const judge: JudgeContext = { text, sentences, sections, spans: matches, required: new Map(), cues: new Map() };
  const bySkill = new Map<number, Array<{ mention: Mention; judgement: MentionJudgement | null }>>();
  // skill -> sentence where it was first plainly required; mentions in later sentences cannot
  // change its tag (only a negation in that same sentence can), so they are not judged
  const settled = new Map<number, number>();
  for (const m of matches) {
    const list = bySkill.get(m.skill) ?? [];
    const settledIn = settled.get(m.skill);
    const skip = settledIn !== undefined && settledIn !== sentenceAt(sentences, m.start);
    const judgement = skip ? null : judgeMention(judge, m.start, m.end);
    if (judgement && settledIn === undefined && !judgement.negated && judgement.requirement === 'required') settled.set(m.skill, sentenceAt(sentences, m.start));
    list.push({ mention: { start: m.start, end: m.end, text: text.slice(m.start, m.end) }, judgement });
    bySkill.set(m.skill, list);
  }
  shareNegationWithinSentence(sentences, bySkill);
  const tags: SkillTag[] = [];
  for (const [index, mentions] of bySkill) {
    const def = compiled.skills[index]?.def;
    if (!def) continue;
    const judged = mentions.flatMap((x) => (x.judgement ? [x.judgement] : []));
    const wanted = judged.filter((j) => !j.negated);
    const best = wanted.reduce<Requirement>((acc, j) => (RANK[j.requirement] > RANK[acc] ? j.requirement : acc), 'mentioned');
    // an explicit "not required" outweighs bare mentions ("we used Angular years ago"), but not
    // a mention that asks for the skill
    const negated = wanted.length < judged.length && best === 'mentioned';
    tags.push({
      skill: def.id,
      name: def.name,
      category: def.category,
      requirement: negated ? 'mentioned' : best,
      negated,
      mentions: mentions.map((x) => x.mention),
    });
  }
  // order of first mention: reads like the posting
  return tags.sort((a, b) => (a.mentions[0]?.start ?? 0) - (b.mentions[0]?.start ?? 0));
}

// "We used Angular years ago, but Angular is no longer needed": the negation covers every
// mention of that skill in its sentence.
function shareNegationWithinSentence(sentences: Sentences, bySkill: Map<number, Array<{ mention: Mention; judgement: MentionJudgement | null }>>): void {
  for (const mentions of bySkill.values()) {
    if (!mentions.some((x) => x.judgement?.negated)) continue;
    const negatedSentences = new Set(mentions.filter((x) => x.judgement?.negated).map((x) => sentenceAt(sentences, x.mention.start)));
    for (const x of mentions) {
      if (negatedSentences.has(sentenceAt(sentences, x.mention.start))) x.judgement = { negated: true, requirement: 'mentioned' };
    }
  }
}
