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

/** Seniority from a title, else from the years of experience the description asks for. */
export function detectSeniority(title: string, description: string): Seniority | null {
  for (const [level, re] of TITLE_LEVELS) if (re.test(title)) return level;
  let years = -1;
  YEARS.lastIndex = 0;
  for (let m = YEARS.exec(description); m; m = YEARS.exec(description)) {
    const n = Number(m[1]);
    // "10 years" in "founded 10 years ago" is rare next to "experience"; cap what we trust
    if (n <= 15 && /experience|exp\b|professional|industry|working|hands-on/i.test(description.slice(m.index, m.index + 80))) {
      years = Math.max(years, n);
    }
  }
  if (years >= 5) return 'senior';
  if (years >= 2) return 'mid';
  if (years >= 0) return 'junior';
  if (JUNIOR_TEXT.test(description)) return 'junior';
  return null;
}
