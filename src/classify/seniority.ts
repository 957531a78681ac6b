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

const YEAR_WORDS = new Set(['year', 'years', 'yr', 'yrs']);
const NOT_EXPERIENCE = /^\s*(?:ago|old|in business|of (?:history|trading|growth)|running|warranty|contract|fixed|term|from now)\b/i;

/**
 * Seniority from a title, else from the years of experience the description asks for. With the
 * description's lowercase tokens, the years pattern only runs near "year" words, not on 5 KB.
 */
export function detectSeniority(title: string, description: string, tokens?: { lower: string[]; start: ArrayLike<number> }): Seniority | null {
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
  if (JUNIOR_TEXT.test(description)) return 'junior';
  return null;
}

// [offset, text] pieces of the description that can hold "<n> years": the whole text without tokens.
function yearWindows(description: string, tokens?: { lower: string[]; start: ArrayLike<number> }): Array<[number, string]> {
  if (!tokens) return [[0, description]];
  const out: Array<[number, string]> = [];
  let covered = -1;
  tokens.lower.forEach((w, i) => {
    if (!YEAR_WORDS.has(w)) return;
    const end = (tokens.start[i] ?? 0) + w.length;
    const from = Math.max(covered, (tokens.start[Math.max(0, i - 6)] ?? 0));
    if (from < end) out.push([from, description.slice(from, end)]);
    covered = end;
  });
  return out;
}
