// Per mention: is the skill negated ("No Django experience needed", "Java is not required"), and
// is it required, preferred ("nice to have", "a plus", "ideally") or merely mentioned? Phrasing
// in the clause wins over the section the mention sits in.
import type { Requirement, Section, SectionKind } from '../types.ts';
import { clauseAround, sentenceAt, type Sentences } from './sentences.ts';

export interface MentionJudgement {
  negated: boolean;
  requirement: Requirement;
}

const APOS = "['’]";
// A negation cue, then at most N words, then the mention (end of the clause before it).
const NEG_BEFORE = [
  new RegExp(`\\b(?:no|zero)\\s+(?:(?!(?:later|more|less|fewer|matter|doubt)\\b)[\\w+#./-]+\\s+){0,3}$`, 'i'),
  new RegExp(`\\bwithout\\s+(?:[\\w+#./-]+\\s+){0,2}$`, 'i'),
  new RegExp(`\\b(?:not|never|don${APOS}t|do not|doesn${APOS}t|does not|won${APOS}t|will not|isn${APOS}t|aren${APOS}t|needn${APOS}t|no need (?:for|to))\\s+(?!(?:only|just|limited|necessarily|afraid)\\b)(?:[\\w+#./-]+\\s+){0,5}$`, 'i'),
];
// After the mention: "... is not required", "... isn't needed", "... not a must".
const NEG_AFTER = new RegExp(
  `^[^.;]{0,60}?\\b(?:(?:not|n${APOS}t|never)\\s+(?:(?:be|really|strictly|at all)\\s+)?(?:required|needed|necessary|mandatory|a requirement|expected|essential|a must|a prerequisite|needed here|used here)|no longer (?:needed|required|used|necessary))\\b`,
  'i',
);
const EXCUSED = /\b(?:not limited to|not only|not just)\b/i;

// Preference cues that may come before ("Nice to have: Kafka") or after ("Kafka is a plus").
const PREF_EITHER = /\b(?:nice[- ]to[- ]haves?|a (?:big |huge |real |nice )?(?:plus|bonus)|plus:|bonus|preferred|preferable|desirable|desired|(?:good|great) to have|advantage|advantageous|an asset|beneficial|optional|appreciated|welcome|welcomed|extra credit|even better|would be (?:great|nice|helpful|ideal|useful|a plus|an advantage|beneficial)|(?:is|are) (?:useful|helpful)|not required,? but|not a must)\b/i;
// Cues that only look forward: "Python, ideally FastAPI" prefers FastAPI, not Python.
const PREF_BEFORE = /\b(?:ideally|preferably|(?:we(?:'|’)d|would) love (?:it )?(?:if|to see)|love to see|great if you|(?:it(?:'|’)s|is) a plus if|even better if|bonus points?|helpful if|useful if)\b/i;
// Words that may stand between a listed skill and a trailing cue ("Go, Rust or C is a plus").
const LIST_GLUE = new Set(['and', 'or', 'is', 'are', 'would', 'be', 'also', 'experience', 'knowledge', 'with', 'of', 'in', 'a', 'an', 'nice', 'big', 'real', 'huge', 'any', 'familiarity', 'skills', 'which', 'that']);
const REQUIRED = /\b(?:know|knowing|required|requirements?|must|mandatory|essential|need|needs|you have|you bring|you(?:'|’)ll (?:bring|need|have)|experience (?:with|in|using|building|of)|proficien\w*|strong|solid|expert\w*|knowledge of|familiar\w*|years|skilled|fluent\w*|fluency|hands-on|deep|background in|understanding of|ability to|comfortable|you will|you(?:'|’)ll|build|develop|maintain|work with|write|own|design|deploy|operate|qualifications?|minimum)\b/i;

const SECTION_REQUIREMENT: Record<SectionKind, Requirement | null> = {
  requirements: 'required',
  responsibilities: 'required',
  preferred: 'preferred',
  benefits: 'mentioned',
  company: 'mentioned',
  other: null,
};

/** What judging mentions of one text shares: its sentences and per-sentence answers. */
export interface JudgeContext {
  text: string;
  sentences: Sentences;
  sections: Section[];
  /** all skill mentions, sorted by start */
  spans: Array<{ start: number; end: number }>;
  /**
   * Per sentence, what judging has found out about it (the SENTENCE_ bits; 0: nothing yet): which
   * kinds of cue words occur in it at all (most sentences have none), and whether it reads like a
   * requirement. One entry per sentence, all 0 at first (a typed array: Map probes cost more).
   */
  known: Uint8Array;
  /** per sentence, the screenWord() bits of its tokens ORed; null: run the screens on every sentence */
  screens: Uint8Array | null;
}

// Cheap per-sentence screens: the precise, position-aware patterns run only where these hit.
// (Exported for the tests that hold screenWord to them.)
export const ANY_NEGATION = /\b(?:no|not|never|zero|without|n['’]t|no longer)\b|n['’]t\b/i;
export const ANY_PREFERENCE = /\b(?:nice|plus|bonus|prefer\w*|desir\w*|good|great|advantage\w*|asset|beneficial|optional|appreciated|welcome\w*|extra|even better|would|useful|helpful|ideally|love|but|not a must)\b/i;

// The same screens read off tokens, so most sentences never run them: every match of a screen
// in ASCII text is a whole run of letters and digits that one of these words starts ("t" is the
// end of "n't"), and such a run is a token or part of one. A sentence none of whose tokens
// qualifies cannot match the screen (the converse need not hold; the regex then decides).
const NEGATION_WORDS = new Set(['no', 'not', 'never', 'zero', 'without', 't']);
const PREFERENCE_WORDS = new Set(['nice', 'plus', 'bonus', 'good', 'great', 'asset', 'beneficial', 'optional', 'appreciated', 'extra', 'even', 'would', 'useful', 'helpful', 'ideally', 'love', 'but', 'not']);
const PREFERENCE_STARTS = ['prefer', 'desir', 'advantage', 'welcome'];
/** Bits of screenWord(): the token may be part of an ANY_NEGATION / ANY_PREFERENCE match. */
export const MAY_NEGATE = 1;
export const MAY_PREFER = 2;

/** Which screens a lowercase token from ASCII text may take part in (MAY_NEGATE | MAY_PREFER). */
export function screenWord(token: string): number {
  let bits = 0;
  for (const run of token.split(/[^a-z0-9]+/)) {
    if (NEGATION_WORDS.has(run)) bits |= MAY_NEGATE;
    if (PREFERENCE_WORDS.has(run) || PREFERENCE_STARTS.some((p) => run.startsWith(p))) bits |= MAY_PREFER;
  }
  return bits;
}

/** Bits of JudgeContext.known. */
const SENTENCE_CUES_KNOWN = 1;
const SENTENCE_NEGATION = 2;
const SENTENCE_PREFERENCE = 4;
const SENTENCE_REQUIRED_KNOWN = 8;
const SENTENCE_REQUIRED = 16;

/** Negation and requirement of one mention at [start, end) of the context's text (in sentence k). */
export function judgeMention(ctx: JudgeContext, start: number, end: number, k = sentenceAt(ctx.sentences, start)): MentionJudgement {
  const { text, sections, spans } = ctx;
  const { starts, ends } = ctx.sentences;
  const sStart = starts[k] ?? 0;
  // the sentence of the mention's last character (an alias may run over "! ")
  let last = k;
  while (last + 1 < starts.length && (starts[last + 1] as number) <= end - 1) last++;
  const sEnd = Math.max(ends[last] ?? text.length, end);
  let known = ctx.known[k] as number;
  if ((known & SENTENCE_CUES_KNOWN) === 0) {
    let maybe = MAY_NEGATE | MAY_PREFER;
    if (ctx.screens) {
      maybe = 0;
      for (let x = k; x <= last; x++) maybe |= ctx.screens[x] as number;
    }
    const sentence = maybe === 0 ? '' : text.slice(sStart, sEnd);
    known |= SENTENCE_CUES_KNOWN;
    if ((maybe & MAY_NEGATE) !== 0 && ANY_NEGATION.test(sentence)) known |= SENTENCE_NEGATION;
    if ((maybe & MAY_PREFER) !== 0 && ANY_PREFERENCE.test(sentence)) known |= SENTENCE_PREFERENCE;
    ctx.known[k] = known;
  }
  const negation = (known & SENTENCE_NEGATION) !== 0;
  const preference = (known & SENTENCE_PREFERENCE) !== 0;
  if (negation || preference) {
    const { before, after } = clauseAround(text, start, end, sStart, sEnd);
    const preferredPhrase = () => preference && (PREF_EITHER.test(before) || PREF_BEFORE.test(before) || trailingPreference(text, end, sEnd, spans));
    const negatedBefore = negation && !EXCUSED.test(before) && NEG_BEFORE.some((re) => re.test(before));
    if (negatedBefore) return NEGATED;
    // "Kafka is not required, but a plus" is a preference, not a negation.
    if (negation && NEG_AFTER.test(after)) return preferredPhrase() ? PREFERRED : NEGATED;
    if (preferredPhrase()) return PREFERRED;
  }
  const kind = sectionAt(sections, start);
  const fromSection = kind ? SECTION_REQUIREMENT[kind] : null;
  if (fromSection === 'preferred') return PREFERRED;
  if (fromSection === 'required') return REQUIRED_TAG;
  if ((known & SENTENCE_REQUIRED_KNOWN) === 0) {
    known |= SENTENCE_REQUIRED_KNOWN | (REQUIRED.test(text.slice(sStart, sEnd)) ? SENTENCE_REQUIRED : 0);
    ctx.known[k] = known;
  }
  return (known & SENTENCE_REQUIRED) !== 0 ? REQUIRED_TAG : MENTIONED;
}

// The four possible answers, shared (read-only): judging allocates nothing per mention.
const NEGATED: MentionJudgement = Object.freeze({ negated: true, requirement: 'mentioned' });
const PREFERRED: MentionJudgement = Object.freeze({ negated: false, requirement: 'preferred' });
const REQUIRED_TAG: MentionJudgement = Object.freeze({ negated: false, requirement: 'required' });
const MENTIONED: MentionJudgement = Object.freeze({ negated: false, requirement: 'mentioned' });

// A cue after the mention ("... is a plus") applies when only other listed skills and glue
// words stand between them: "Go, Rust or C is a plus", not "Swift, Xcode tooling, and ObjC is a plus".
function trailingPreference(text: string, end: number, sentenceEnd: number, spans: Array<{ start: number; end: number }>): boolean {
  const rest = text.slice(end, Math.min(sentenceEnd, end + 120));
  const cue = PREF_EITHER.exec(rest);
  if (!cue) return false;
  let between = text.slice(end, end + cue.index);
  for (const s of spans) {
    if (s.start >= end && s.end <= end + cue.index) between = between.slice(0, s.start - end) + ' '.repeat(s.end - s.start) + between.slice(s.end - end);
  }
  const words = between.toLowerCase().match(/[\p{L}\p{N}+#]+/gu) ?? [];
  if (!/[,;]/.test(between)) return words.length <= 6;
  return words.every((w) => LIST_GLUE.has(w));
}

// The innermost section wins: a heading found inside a longer parser section is more specific.
function sectionAt(sections: Section[], pos: number): SectionKind | null {
  let best: Section | null = null;
  for (const s of sections) if (pos >= s.start && pos < s.end && (!best || s.start >= best.start)) best = s;
  return best?.kind ?? null;
}
