// Roles from three kinds of evidence: the title (strongest), the wanted skills (each skill's role
// weights) and cue phrases in the description. Non-software postings get no role: their title
// names another job family, or nothing in them looks like software work.
import type { RoleTag, SkillTag } from '../types.ts';
import { compileTaxonomy } from './alias-trie.ts';
import { buildPhraseIndex, findPhrases, titleWords, type PhraseIndex } from './phrase-index.ts';
import type { TaggerTaxonomy } from './taxonomy-types.ts';

const GENERIC = '*generic';
const NON_SOFTWARE = '*non-software';

interface RoleIndexes {
  titles: PhraseIndex<string>;
  /** what scoring needs of each skill, by its index in the taxonomy (= its compiled index) */
  skills: SkillFacts[];
}

interface SkillFacts {
  /** role index, weight, role index, weight... for each role the skill points to (weight > 0), in role order */
  weights: number[];
  /** counts towards "is this a software posting" */
  tech: boolean;
}

const indexes = new WeakMap<TaggerTaxonomy, RoleIndexes>();

function roleIndexes(taxonomy: TaggerTaxonomy): RoleIndexes {
  let idx = indexes.get(taxonomy);
  if (!idx) {
    const titleItems = taxonomy.roles.flatMap((r) => (r.titles ?? []).map((phrase) => ({ phrase, payload: r.id })));
    titleItems.push(...(taxonomy.genericSoftwareTitles ?? []).map((phrase) => ({ phrase, payload: GENERIC })));
    titleItems.push(...(taxonomy.nonSoftwareTitles ?? []).map((phrase) => ({ phrase, payload: NON_SOFTWARE })));
    const compiled = compileTaxonomy(taxonomy);
    // by id first, as tags name skills (a hand-made taxonomy may repeat an id: the last one's weights count)
    const techSkills = new Set(compiled.skills.filter((s) => s.tech).map((s) => s.def.id));
    const skillWeights = new Map(taxonomy.skills.map((s) => [s.id, positiveWeights(s.roles ?? {}, taxonomy)]));
    idx = {
      titles: buildPhraseIndex(titleItems, titleWords),
      skills: taxonomy.skills.map((s) => ({ weights: skillWeights.get(s.id) ?? [], tech: techSkills.has(s.id) })),
    };
    indexes.set(taxonomy, idx);
  }
  return idx;
}

export interface RoleInput {
  /** title tokens as titleWords() gives them (not stems: "Development" must not read as "Developer") */
  titleWords: string[];
  title: string;
  /** role id -> distinct cue phrases found in the description */
  cues: Map<string, Set<string>>;
  skills: SkillTag[];
  /** each skill's index in the taxonomy's skills (the compiled index tagSkills works with) */
  skillIndexes: number[];
}

const TITLE_WEIGHT = 3.5;
// many skills of one family (a DevSecOps posting full of CI tools) must not outvote the title
const MAX_SKILL_SCORE = 4;
const CUE_WEIGHT = 0.3;
// a generic title ("Software Engineer") needs this much evidence before it gets a role
const GENERIC_MIN_Z = 2;
const MAX_CUES = 8;
const REQUIREMENT_WEIGHT = { required: 1, preferred: 0.5, mentioned: 0.5 } as const;

/** Scores every role; returns the ones that apply, primary first. */
export function scoreRoles(input: RoleInput, taxonomy: TaggerTaxonomy): RoleTag[] {
  const idx = roleIndexes(taxonomy);
  const titleHits = findPhrases(idx.titles, input.titleWords);
  const roleTitles = new Set(titleHits.map((h) => h.payload).filter((p) => p !== GENERIC && p !== NON_SOFTWARE));
  const generic = titleHits.some((h) => h.payload === GENERIC);
  if (roleTitles.size === 0 && titleHits.some((h) => h.payload === NON_SOFTWARE)) return [];

  // one pass over the wanted skills fills every role's sum (in skill order, as a per-role loop would)
  const skillScores = new Array<number>(taxonomy.roles.length).fill(0);
  const skillEvidence = taxonomy.roles.map((): string[] => []);
  let techCount = 0;
  for (let x = 0; x < input.skills.length; x++) {
    const s = input.skills[x] as SkillTag;
    if (s.negated) continue;
    const facts = idx.skills[input.skillIndexes[x] as number];
    if (!facts) continue;
    if (facts.tech) techCount++;
    const { weights } = facts;
    for (let k = 0; k < weights.length; k += 2) {
      const r = weights[k] as number;
      skillScores[r] = (skillScores[r] as number) + (weights[k + 1] as number) * REQUIREMENT_WEIGHT[s.requirement];
      // evidence names at most 8 skills
      const names = skillEvidence[r] as string[];
      if (names.length < 8) names.push(s.name);
    }
  }
  const cueHits = input.cues;

  // evidence strings are built only for the roles returned, after the cut
  const scored = taxonomy.roles.map((role, r) => {
    const skillScore = skillScores[r] as number;
    const cueCount = cueHits.get(role.id)?.size ?? 0;
    const title = roleTitles.has(role.id);
    const z = (title ? TITLE_WEIGHT : 0) + Math.min(skillScore, MAX_SKILL_SCORE) + CUE_WEIGHT * Math.min(cueCount, MAX_CUES);
    return { role: role.id, r, z, skillScore, title };
  });
  scored.sort((a, b) => b.z - a.z);
  const top = scored[0];
  if (!top || top.z <= 0) return [];

  const software = roleTitles.size > 0 || generic || (techCount >= 3 && top.skillScore >= 1.5);
  if (!software) return [];
  if (roleTitles.size === 0 && top.z < (generic ? GENERIC_MIN_Z : 2.5)) return [];

  return scored
    .filter((r) => r === top || r.title || (r.z >= 2.5 && r.z >= 0.6 * top.z))
    .map((s) => {
      const skills = skillEvidence[s.r] as string[];
      const cues = [...(cueHits.get(s.role) ?? [])];
      const evidence = [
        ...(s.title ? [`title: ${input.title}`] : []),
        ...(skills.length ? [`skills: ${skills.join(', ')}`] : []),
        ...(cues.length ? [`text: ${cues.slice(0, 6).join(', ')}`] : []),
      ];
      return { role: s.role, score: round(logistic(s.z)), evidence };
    });
}

function positiveWeights(weights: Record<string, number>, taxonomy: TaggerTaxonomy): number[] {
  const out: number[] = [];
  taxonomy.roles.forEach((role, r) => {
    const w = weights[role.id] ?? 0;
    if (w > 0) out.push(r, w);
  });
  return out;
}

// z of about 2.5 is an even bet; a title alone (3) is ~0.6, title plus skills and cues ~0.95+.
function logistic(z: number): number {
  return 1 / (1 + Math.exp(-(z - 2.5) * 1.2));
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
