// Per mention: is the skill negated ("No Django experience needed", "Java is not required"), and
// is it required, preferred ("nice to have", "a plus", "ideally") or merely mentioned? Phrasing
// in the clause wins over the section the mention sits in.
import type { Requirement, Section, SectionKind } from '../types.ts';
import { clauseAround, sentenceEnd, sentenceStart } from './sentences.ts';

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
  `^[^.;]{0,60}?\\b(?:not|n${APOS}t|never)\\s+(?:(?:be|really|strictly|at all)\\s+)?(?:required|needed|necessary|mandatory|a requirement|expected|essential|a must|a prerequisite|needed here|used here)\\b`,
  'i',
);
const EXCUSED = /\b(?:not limited to|not only|not just)\b/i;

const PREFERRED = /\b(?:nice[- ]to[- ]haves?|a (?:big |huge |real )?plus|plus:|bonus|ideally|preferred|preferably|desirable|desired|(?:good|great) to have|would be (?:great|nice|helpful|ideal|a plus|an advantage)|an? (?:advantage|asset)|advantageous|beneficial|optional|appreciated|is welcome|are welcome|welcomed|extra credit|even better|not required,? but|not a must)\b/i;
const REQUIRED = /\b(?:required|requirements?|must|mandatory|essential|need|needs|you have|you bring|you(?:'|’)ll (?:bring|need|have)|experience (?:with|in|using|building|of)|proficien\w*|strong|solid|expert\w*|knowledge of|familiar\w*|years|skilled|fluent\w*|fluency|hands-on|deep|background in|understanding of|ability to|comfortable|you will|you(?:'|’)ll|build|develop|maintain|work with|write|own|design|deploy|operate|qualifications?|minimum)\b/i;

const SECTION_REQUIREMENT: Record<SectionKind, Requirement | null> = {
  requirements: 'required',
  responsibilities: 'required',
  preferred: 'preferred',
  benefits: 'mentioned',
  company: 'mentioned',
  other: null,
};

/** Negation and requirement of one mention at [start, end) of text. */
export function judgeMention(text: string, start: number, end: number, sections: Section[]): MentionJudgement {
  const { before, after } = clauseAround(text, start, end);
  const sentence = text.slice(sentenceStart(text, start), sentenceEnd(text, end));
  const preferredPhrase = PREFERRED.test(sentence);
  const negatedBefore = !EXCUSED.test(before) && NEG_BEFORE.some((re) => re.test(before));
  const negatedAfter = NEG_AFTER.test(after);
  // "Kafka is not required, but a plus" is a preference, not a negation.
  if (negatedAfter && !negatedBefore && preferredPhrase) return { negated: false, requirement: 'preferred' };
  if (negatedBefore || negatedAfter) return { negated: true, requirement: 'mentioned' };
  if (preferredPhrase) return { negated: false, requirement: 'preferred' };
  const kind = sectionAt(sections, start);
  const fromSection = kind ? SECTION_REQUIREMENT[kind] : null;
  if (fromSection === 'preferred' || fromSection === 'required') return { negated: false, requirement: fromSection };
  if (REQUIRED.test(sentence)) return { negated: false, requirement: 'required' };
  return { negated: false, requirement: fromSection ?? 'mentioned' };
}

function sectionAt(sections: Section[], pos: number): SectionKind | null {
  let kind: SectionKind | null = null;
  for (const s of sections) if (pos >= s.start && pos < s.end) kind = s.kind;
  return kind;
}
