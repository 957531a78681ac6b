// Sections for text the parser could not split (pasted plain text): a short line that reads like
// a heading ("Nice to have:", "Requirements") opens a section that runs to the next heading.
import type { Section, SectionKind } from '../types.ts';
import { isSpaceCode } from './tokenize.ts';

const HEADINGS: Array<[SectionKind, RegExp]> = [
  ['preferred', /^(?:nice[- ]to[- ]haves?|helpful|(?:also )?useful|desirable|bonus skills|bonus(?: points)?|(?:preferred|desired|desirable)(?: qualifications| skills| experience)?|pluses|good to have|extra credit|it(?:'|’)s a plus if.*|even better if.*|a plus)$/i],
  ['requirements', /^(?:requirements|qualifications|minimum qualifications|basic qualifications|required (?:skills|qualifications|experience)|what you(?:'|’)ll (?:bring|need)|what you bring|what we(?:'|’)re looking for|what we look for|you have|you(?:'|’)ll have|must[- ]haves?|skills(?: (?:and|&) experience)?|about you|who you are|your profile|your skills|experience)$/i],
  ['responsibilities', /^(?:responsibilities|key responsibilities|what you(?:'|’)ll do|what you will do|the role|your role|duties|day[- ]to[- ]day|in this role.*|your mission|what you(?:'|’)ll be doing|the job)$/i],
  ['benefits', /^(?:benefits|perks|what we offer|why join us|compensation(?: (?:and|&) benefits)?|we offer)$/i],
  ['company', /^(?:about us|about the company|who we are|our company|the company|about the team|our team)$/i],
];

/** Heading-delimited sections of plain text; empty when no line looks like a known heading. */
export function detectSections(text: string): Section[] {
  const sections: Section[] = [];
  let open: Section | null = null;
  for (let pos = 0; pos <= text.length; ) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    // headings are short lines that start with a heading word; other lines are skipped before
    // anything is sliced
    const kind = end - pos <= 64 && end > pos && startsLikeHeading(text, pos, end) ? lineKind(text.slice(pos, end)) : null;
    if (kind) {
      if (open) open.end = pos;
      open = { kind, heading: text.slice(pos, end).trim(), start: end, end: text.length };
      sections.push(open);
    }
    pos = end + 1;
  }
  return sections;
}

// What a short line that starts like a heading is, remembered per line: headings recur from ad to
// ad ("Requirements:", "About you"), and cleaning and matching a line costs a dozen regex runs.
const lineKinds = new Map<string, SectionKind | null>();
const LINE_KINDS_MAX = 4096;

function lineKind(line: string): SectionKind | null {
  let kind = lineKinds.get(line);
  if (kind === undefined) {
    kind = headingKind(line.trim().replace(/^#+\s*/, '').replace(/[:\s]+$/, ''));
    if (lineKinds.size >= LINE_KINDS_MAX) lineKinds.clear();
    // kept as a copy: a slice would keep the whole text it came from alive
    lineKinds.set(line.split('').join(''), kind);
  }
  return kind;
}

// Every heading pattern starts with one of these words; other lines skip the patterns entirely.
const HEADING_START = /^(?:nice|bonus|preferred|desired|desirable|pluses|good|extra|it|even|a|helpful|also|useful|requirements|qualifications|minimum|basic|required|what|you|must|skills|about|who|your|experience|responsibilities|key|the|duties|day|in|benefits|perks|why|compensation|we|our)\b/i;

// HEADING_START at the place of text[pos, end) where the cleaned line (trimmed, leading "#"s
// dropped) begins: the word and the \b after it read the same in the text as in the cleaned line.
const HEADING_START_AT = new RegExp(HEADING_START.source.slice(1), 'iy');

function startsLikeHeading(text: string, pos: number, end: number): boolean {
  let p = pos;
  while (p < end && isSpaceCode(text.charCodeAt(p))) p++;
  if (text.charCodeAt(p) === 35) {
    while (p < end && text.charCodeAt(p) === 35) p++;
    while (p < end && isSpaceCode(text.charCodeAt(p))) p++;
  }
  // every heading word starts with an ASCII letter (bullets and numbers never do)
  const first = text.charCodeAt(p) | 32;
  if (p >= end || first < 97 || first > 122) return false;
  HEADING_START_AT.lastIndex = p;
  return HEADING_START_AT.test(text);
}

function headingKind(line: string): SectionKind | null {
  if (line.length === 0 || line.length > 60 || !HEADING_START.test(line)) return null;
  for (const [kind, re] of HEADINGS) if (re.test(line)) return kind;
  return null;
}

/**
 * Parser sections, with headings the parser left as "other" read by the heading patterns here.
 * Headless "preferred" spans (the parser's guess from a line's wording) are dropped: the tagger
 * reads wording itself, per mention ("JavaScript, ideally Vue" prefers Vue only).
 */
export function refineSections(sections: Section[]): Section[] {
  return sections.filter((s) => !(s.kind === 'preferred' && !s.heading)).map((s) => {
    if (s.kind !== 'other' || !s.heading) return s;
    const kind = headingKind(s.heading.trim().replace(/[:\s]+$/, ''));
    return kind ? { ...s, kind } : s;
  });
}
