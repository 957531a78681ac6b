// The tagger: a pure function from a parsed posting and a taxonomy to roles, skills, seniority and
// industries. Skills are tagged from the description only, so every tag has offsets into it (a
// skill named only in the title is not tagged; the title still counts as role evidence).
// The description is scanned once (tokens, sentence ends, and each token's Word from the
// taxonomy's lexicon); every later stage reads those arrays instead of the text.
import type { Classification, Mention, ParsedPosting, Requirement, SkillTag, Taxonomy } from '../types.ts';
import { compileTaxonomy, type CompiledTaxonomy } from './alias-trie.ts';
import { checkContext } from './check-context.ts';
import { detectSections, refineSections } from './detect-sections.ts';
import { detectIndustries } from './industries.ts';
import { judgeMention, type JudgeContext, type MentionJudgement } from './judge-mention.ts';
import { lexiconOf, lookupWords, type Word, type WordHits } from './lexicon.ts';
import type { Sentences } from './sentences.ts';
import { matchAliases } from './match-aliases.ts';
import { titleWords } from './phrase-index.ts';
import { scanCues } from './scan-cues.ts';
import { scoreRoles } from './score-roles.ts';
import { detectSeniority } from './seniority.ts';
import type { TaggerTaxonomy } from './taxonomy-types.ts';
import { tokenize, type Tokens } from './tokenize.ts';

/** Tags one parsed posting (pure). Compiles and caches the alias trie per taxonomy object. */
export function classifyPosting(posting: ParsedPosting, taxonomy: Taxonomy): Classification {
  const tax = taxonomy as TaggerTaxonomy;
  const compiled = compileTaxonomy(tax);
  const lexicon = lexiconOf(tax);
  const title = posting.title ?? '';
  const text = posting.description ?? '';
  const sentences: Sentences = { starts: [0], ends: [] };
  const tokens = tokenize(text, sentences);
  const hits: WordHits = { aliases: [], cues: [], screens: [] };
  const words = lookupWords(tokens, lexicon, hits);
  // the parser's sections plus headings it missed ("Helpful"); the most specific one wins
  const sections = [...refineSections(posting.sections), ...detectSections(text)];
  const skillIndexes: number[] = [];
  const skills = tagSkills({ text, tokens, words, hits, sentences, sections, compiled, title }, skillIndexes);
  const titleTokens = tokenize(title);
  const cues = scanCues(tokens.lower, words, undefined, true, hits.cues);
  scanCues(titleTokens.lower, lookupWords(titleTokens, lexicon), cues, false);
  const companyTokens = tokenize(posting.company ?? '');
  scanCues(companyTokens.lower, lookupWords(companyTokens, lexicon), cues, false);
  const roles = scoreRoles({ title, titleWords: titleWords(titleTokens.lower), cues: cues.roles, skills, skillIndexes }, tax);
  return {
    roles,
    skills,
    seniority: detectSeniority(title, text, tokens),
    industries: detectIndustries(cues.industries),
    taxonomyVersion: taxonomy.version,
  };
}

const RANK: Record<Requirement, number> = { required: 3, preferred: 2, mentioned: 1 };

interface SkillInput {
  text: string;
  tokens: Tokens;
  words: Word[];
  hits: WordHits;
  sentences: Sentences;
  sections: ParsedPosting['sections'];
  compiled: CompiledTaxonomy;
  title: string;
}

/** One skill's mentions, with each mention's sentence and judgement (null: not judged). */
interface SkillMentions {
  skill: number;
  mentions: Mention[];
  sentence: number[];
  judgements: Array<MentionJudgement | null>;
  /** sentence where the skill was first plainly required (-1: not yet) */
  settled: number;
}

/** The skill tags, in order of first mention; appends each tag's compiled skill index to skillIndexes. */
function tagSkills(input: SkillInput, skillIndexes: number[]): SkillTag[] {
  const { text, tokens, sentences, compiled } = input;
  const matches = checkContext(text, tokens, matchAliases(text, tokens, compiled, input.words, input.hits.aliases), compiled, input.title);
  const judge: JudgeContext = { text, sentences, sections: input.sections, spans: matches, known: sentenceMemo(sentences.starts.length), screens: sentenceScreens(input) };
  // entries in order of first mention; entryOf[skill] is 1 + the skill's entry index (0: none yet)
  const entries: SkillMentions[] = [];
  const entryOf = skillSlots(compiled);
  const { starts } = sentences;
  // matches come in text order, so each one's sentence is found by moving forward
  let k = 0;
  try {
    for (const m of matches) {
      while (k + 1 < starts.length && (starts[k + 1] as number) <= m.start) k++;
      let slot = entryOf[m.skill] as number;
      if (slot === 0) {
        entries.push({ skill: m.skill, mentions: [], sentence: [], judgements: [], settled: -1 });
        slot = entries.length;
        entryOf[m.skill] = slot;
      }
      const entry = entries[slot - 1] as SkillMentions;
      // once a skill is plainly required in a sentence, mentions in later sentences cannot change
      // its tag (only a negation in that same sentence can), so they are not judged
      const judgement = entry.settled >= 0 && entry.settled !== k ? null : judgeMention(judge, m.start, m.end, k);
      if (judgement && entry.settled < 0 && !judgement.negated && judgement.requirement === 'required') entry.settled = k;
      entry.mentions.push({ start: m.start, end: m.end, text: text.slice(m.start, m.end) });
      entry.sentence.push(k);
      entry.judgements.push(judgement);
    }
  } finally {
    for (const entry of entries) entryOf[entry.skill] = 0;
  }
  const tags: SkillTag[] = [];
  for (const entry of entries) {
    const def = compiled.skills[entry.skill]?.def;
    if (!def) continue;
    shareNegationWithinSentence(entry);
    let judged = 0;
    let wanted = 0;
    let best: Requirement = 'mentioned';
    for (const j of entry.judgements) {
      if (!j) continue;
      judged++;
      if (j.negated) continue;
      wanted++;
      if (RANK[j.requirement] > RANK[best]) best = j.requirement;
    }
    // an explicit "not required" outweighs bare mentions ("we used Angular years ago"), but not
    // a mention that asks for the skill
    const negated = wanted < judged && best === 'mentioned';
    tags.push({ skill: def.id, name: def.name, category: def.category, requirement: negated ? 'mentioned' : best, negated, mentions: entry.mentions });
    skillIndexes.push(entry.skill);
  }
  // order of first mention, which reads like the posting: matches come in text order, so skills
  // were met (and their entries made) in that order, and sorting would change nothing
  return tags;
}

// Per taxonomy, a slot per skill for tagSkills (all 0 between calls: tagging is synchronous, and
// the slots used are cleared as the tags are made). An Int32Array read beats a Map probe per match.
const slotsByTaxonomy = new WeakMap<CompiledTaxonomy, Int32Array>();

function skillSlots(compiled: CompiledTaxonomy): Int32Array {
  let slots = slotsByTaxonomy.get(compiled);
  if (!slots) {
    slots = new Int32Array(compiled.skills.length);
    slotsByTaxonomy.set(compiled, slots);
  }
  return slots;
}

let memoScratch = new Uint8Array(256);

// JudgeContext.known for a text of `count` sentences: reused across postings, cleared.
function sentenceMemo(count: number): Uint8Array {
  if (memoScratch.length < count) memoScratch = new Uint8Array(count * 2);
  memoScratch.fill(0, 0, count);
  return memoScratch;
}

let screenScratch = new Uint8Array(256);

// Per sentence, which negation and preference screens its words may pass (see screenWord). Only
// for ASCII text: a lowercase word from other text ("K" the Kelvin sign is "k") may not be the
// word the screens' regexes see.
function sentenceScreens({ tokens, words, hits, sentences }: SkillInput): Uint8Array | null {
  if (!tokens.ascii) return null;
  // reused across postings (tagging is synchronous): allocating a typed array costs more than clearing one
  if (screenScratch.length < sentences.starts.length) screenScratch = new Uint8Array(sentences.starts.length * 2);
  const screens = screenScratch;
  screens.fill(0, 0, sentences.starts.length);
  const { starts } = sentences;
  let k = 0;
  for (const i of hits.screens) {
    const at = tokens.start[i] as number;
    while (k + 1 < starts.length && (starts[k + 1] as number) <= at) k++;
    screens[k] = (screens[k] as number) | (words[i] as Word).screen;
  }
  return screens;
}

// "We used Angular years ago, but Angular is no longer needed": the negation covers every
// mention of that skill in its sentence.
function shareNegationWithinSentence(entry: SkillMentions): void {
  const { judgements, sentence } = entry;
  let negatedSentences: number[] | null = null;
  for (let i = 0; i < judgements.length; i++) if (judgements[i]?.negated) (negatedSentences ??= []).push(sentence[i] as number);
  if (!negatedSentences) return;
  for (let i = 0; i < judgements.length; i++) {
    if (negatedSentences.includes(sentence[i] as number)) judgements[i] = NEGATED;
  }
}

const NEGATED: MentionJudgement = { negated: true, requirement: 'mentioned' };
