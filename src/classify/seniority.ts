// Seniority from the title when it says so, else from the years of experience asked.
import type { Seniority } from '../types.ts';

const TITLE_LEVELS: Array<[Seniority, RegExp]> = [
  ['intern', /\b(?:intern|internship|trainee|apprentice(?:ship)?|working student|werkstudent)\b/i],
  ['principal', /\b(?:principal|staff|distinguished|fellow|chief|architect)\b/i],
  ['lead', /\b(?:lead|leader|head of|manager|director|vp|team lead|tech lead)\b/i],
  ['senior', /\b(?:senior|sr\.?|snr|iii)\b/i],
  ['junior', /\b(?:junior|jr\.?|graduate|grad|entry[- ]level|associate|new grad|i)\b/i],
  ['mid', /\b(?:mid|mid[- ]level|intermediate|ii)\b/i],
];

const YEARS = /\b(\d{1,2})\s*(?:\+|plus)?\s*(?:(?:-|–|to)\s*\d{1,2}\s*)?\+?\s*(?:years?|yrs?)\b/gi;
const JUNIOR_TEXT = /\b(?:entry[- ]level|new grads?|recent graduates?|no (?:prior )?experience (?:is )?(?:required|needed))\b/i;
// JUNIOR_TEXT tried at one place: every match starts with one of these words, followed by a
// space or "-", so it starts where a token ending in that word has the word (see juniorText)
const JUNIOR_AT = new RegExp(JUNIOR_TEXT.source, 'iy');

// Which of those words a token ending in this character code may end with (null: none).
function juniorFirst(last: number): string | null {
  switch (last) {
    case 121: return 'entry';
    case 119: return 'new';
    case 116: return 'recent';
    case 111: return 'no';
    default: return null;
  }
}

const NOT_EXPERIENCE = /^\s*(?:ago|old|in business|of (?:history|trading|growth)|running|warranty|contract|fixed|term|from now)\b/i;

/**
 * Seniority from a title, else from the years of experience the description asks for. With the
 * description's lowercase tokens, the years pattern only runs near "year" words, not on 5 KB.
 */
export function detectSeniority(title: string, description: string, tokens?: SeniorityTokens): Seniority | null {
  for (const [level, re] of TITLE_LEVELS) if (re.test(title)) return level;
  let years = -1;
  for (const [from, text] of yearWindows(description, tokens)) {
    YEARS.lastIndex = 0;
    for (let m = YEARS.exec(text); m; m = YEARS.exec(text)) {
      const n = Number(m[1]);
      const at = from + m.index;
      // "founded 10 years ago", "a 30-year history" are not experience asked for
      if (n <= 15 && !NOT_EXPERIENCE.test(description.slice(at + m[0].length, at + m[0].length + 30))) years = Math.max(years, n);
    }
  }
  if (years >= 5) return 'senior';
  if (years >= 2) return 'mid';
  if (years >= 0) return 'junior';
  if (juniorText(description, tokens)) return 'junior';
  return null;
}

/** The description's lowercase tokens and their offsets (tokenize()'s Tokens will do). */
interface SeniorityTokens {
  lower: string[];
  start: ArrayLike<number>;
  end: ArrayLike<number>;
}

// Whether JUNIOR_TEXT matches the description. With its tokens, the pattern is tried only where
// a token ends in one of its first words (a handful of places instead of a 5 KB scan, ~10 us):
// the word's letters and the "\b" before it are then checked by the pattern itself.
function juniorText(description: string, tokens?: SeniorityTokens): boolean {
  if (!tokens) return JUNIOR_TEXT.test(description);
  const { lower, end } = tokens;
  for (let i = 0; i < lower.length; i++) {
    const w = lower[i] as string;
    const first = juniorFirst(w.charCodeAt(w.length - 1));
    if (first === null || !w.endsWith(first)) continue;
    JUNIOR_AT.lastIndex = (end[i] as number) - first.length;
    if (JUNIOR_AT.test(description)) return true;
  }
  return false;
}

// [offset, text] pieces of the description that can hold "<n> years": the whole text without tokens.
function yearWindows(description: string, tokens?: SeniorityTokens): Array<[number, string]> {
  if (!tokens) return [[0, description]];
  const out: Array<[number, string]> = [];
  let covered = -1;
  const { lower } = tokens;
  for (let i = 0; i < lower.length; i++) {
    const w = lower[i] as string;
    // a match's year word starts a token ("5 years") or follows its digits ("5yrs"), and may be
    // followed by letters that are no word characters to "\b" ("yearİ"): tokens that start with
    // "y" or a digit and hold "yr" or "year" (most tokens are dismissed by their first character)
    const first = w.charCodeAt(0);
    if (first !== 121 && (first < 48 || first > 57)) continue;
    if (!w.includes('yr') && !w.includes('year')) continue;
    const end = tokens.end[i] as number;
    const from = Math.max(covered, (tokens.start[Math.max(0, i - 6)] ?? 0));
    // with one character either side, so "\b" reads as in the whole text ("5 years_" is no
    // match); a match cannot start on the one before (never a digit: a token starts or ends there)
    const before = from > 0 ? 1 : 0;
    if (from < end) out.push([from - before, description.slice(from - before, end + 1)]);
    covered = end;
  }
  return out;
}
