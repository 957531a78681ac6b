// Page titles to job titles: "Backend Developer (FastAPI) | Example Jobs" -> "Backend Developer
// (FastAPI)", "Job Application for X at Acme" -> "X", "Acme - X" (Lever) -> "X" when Acme is known.
import { collapse } from './dom.ts';

const SEP = /\s+[|–—·•»]\s+|\s+-\s+|\s+::\s+/;
const SITEISH = /\b(?:jobs?|careers?|hiring|recruiting|vacanc(?:y|ies)|stellenangebote?|karriere|job board|openings|greenhouse|lever|workable|ashby|smartrecruiters|workday|icims|personio|recruitee|teamtailor|linkedin|indeed|glassdoor)\b/i;
const HIRING_SYSTEMS = /^(?:greenhouse|lever|workable|ashby|ashbyhq|smartrecruiters|workday|myworkdayjobs|icims|personio|recruitee|teamtailor|linkedin|indeed|glassdoor|jobvite|bamboohr)$/i;

/** True for site names that are job boards or hiring systems, not the employer. */
export function isJobBoardName(name: string): boolean {
  return HIRING_SYSTEMS.test(name.trim()) || /\bjobs?\b$|\bjob board\b/i.test(name.trim());
}

/** The employer named in a page title ("Job Application for X at Acme", "Careers at Acme"). */
export function companyFromTitle(raw: string): string | null {
  const t = collapse(raw);
  const m = /^job application for .+? at (.+)$/i.exec(t) ?? /\b(?:careers|jobs|working) at ([^|–—-]+?)\s*(?:$|[|–—-])/i.exec(t)
    ?? /(?:^|[|–—-]\s*)([^|–—-]+?) careers\s*$/i.exec(t);
  return m?.[1] ? collapse(m[1]) : null;
}

/** The employer in "Title - Acme" / "Acme - Title" / "Title | Acme Careers" once the job title is known. */
export function companyBesideTitle(pageTitle: string, jobTitle: string): string | null {
  const parts = collapse(pageTitle).replace(/^job application for\s+/i, '').split(SEP);
  const want = jobTitle.toLowerCase();
  const i = parts.findIndex((p) => p.toLowerCase() === want);
  if (parts.length < 2 || (i !== 0 && i !== parts.length - 1)) return null;
  const other = parts[i === 0 ? parts.length - 1 : 0]!.replace(/^(?:careers|jobs|karriere) (?:at|bei|@) /i, '').replace(/ (?:careers|karriere)$/i, '').trim();
  if (!other || /\bjobs?\b|\bcareers?\b/i.test(other) || isJobBoardName(other) || other.length > 60) return null;
  return other;
}

/** Cuts site names, employer names and "Job Application for" wrappers from a page title. */
export function cleanTitle(raw: string, hints: { siteName?: string | null; company?: string | null } = {}): string | null {
  let t = collapse(raw);
  if (!t) return null;
  t = t.replace(/^job application for\s+/i, '');
  const drop = [hints.siteName, hints.company].filter((x): x is string => Boolean(x)).map((x) => x.toLowerCase());
  const at = / at ([^|–—]+)$/i.exec(t);
  if (at && (drop.includes(at[1]!.toLowerCase().trim()) || /^job application/i.test(raw))) t = t.slice(0, at.index);
  // parts at even indexes, separators (as written) at odd ones
  const parts = t.split(new RegExp(`(${SEP.source})`));
  const isSite = (p: string): boolean => drop.includes(p.toLowerCase()) || SITEISH.test(p);
  while (parts.length > 1 && isSite(parts[parts.length - 1]!)) parts.splice(-2, 2);
  while (parts.length > 1 && drop.includes(parts[0]!.toLowerCase())) parts.splice(0, 2);
  // "Title | Site": the part after a final bar is the site even when nothing else said so
  if (parts.length > 1 && /\|/.test(parts[parts.length - 2]!)) parts.splice(-2, 2);
  return collapse(parts.join('')) || null;
}
