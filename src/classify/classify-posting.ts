// The tagger: a pure function from a parsed posting and a taxonomy to roles, skills, seniority and
// industries. Skills are tagged from the description only, so every tag has offsets into it (a
// skill named only in the title is not tagged; the title still counts as role evidence).
import type { Classification, Mention, ParsedPosting, Requirement, SkillTag, Taxonomy } from '../types.ts';
import { compileTaxonomy, type CompiledTaxonomy } from './alias-trie.ts';
import { checkContext } from './check-context.ts';
import { detectSections } from './detect-sections.ts';
import { detectIndustries } from './industries.ts';
import { judgeMention, type MentionJudgement } from './judge-mention.ts';
import { matchAliases } from './match-aliases.ts';
import { scoreRoles } from './score-roles.ts';
import { detectSeniority } from './seniority.ts';
import { stemAll } from './stem.ts';
import type { TaggerTaxonomy } from './taxonomy-types.ts';
import { tokenize } from './tokenize.ts';

/** Tags one parsed posting (pure). Compiles and caches the alias trie per taxonomy object. */
export function classifyPosting(posting: ParsedPosting, taxonomy: Taxonomy): Classification {
  const tax = taxonomy as TaggerTaxonomy;
  const compiled = compileTaxonomy(tax);
  const title = posting.title ?? '';
  const text = posting.description ?? '';
  const tokens = tokenize(text);
  const sections = posting.sections.length > 0 ? posting.sections : detectSections(text);
  const skills = tagSkills(text, tokens, sections, compiled, title);
  const stems = stemAll(tokens.lower);
  const titleStems = stemAll(tokenize(title).lower);
  const roles = scoreRoles({ title, titleStems, descriptionStems: stems, skills }, tax);
  const companyStems = stemAll(tokenize(posting.company ?? '').lower);
  return {
    roles,
    skills,
    seniority: detectSeniority(title, text),
    industries: detectIndustries([...titleStems, '\u0000', ...companyStems, '\u0000', ...stems], tax),
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
  const bySkill = new Map<number, Array<{ mention: Mention; judgement: MentionJudgement }>>();
  for (const m of matches) {
    const list = bySkill.get(m.skill) ?? [];
    list.push({ mention: { start: m.start, end: m.end, text: text.slice(m.start, m.end) }, judgement: judgeMention(text, m.start, m.end, sections) });
    bySkill.set(m.skill, list);
  }
  const tags: SkillTag[] = [];
  for (const [index, mentions] of bySkill) {
    const def = compiled.skills[index]?.def;
    if (!def) continue;
    const wanted = mentions.filter((x) => !x.judgement.negated);
    const best = wanted.reduce<Requirement>((acc, x) => (RANK[x.judgement.requirement] > RANK[acc] ? x.judgement.requirement : acc), 'mentioned');
    tags.push({
      skill: def.id,
      name: def.name,
      category: def.category,
      requirement: best,
      negated: wanted.length === 0,
      mentions: mentions.map((x) => x.mention),
    });
  }
  // order of first mention: reads like the posting
  return tags.sort((a, b) => (a.mentions[0]?.start ?? 0) - (b.mentions[0]?.start ?? 0));
}
