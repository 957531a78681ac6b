// One normalisation path: a schema.org JobPosting object (from JSON-LD, microdata, RDFa, or a
// hiring-system feed item mapped to it) becomes a ParsedPosting.
import type { FieldOrigin, FieldOrigins, Location, ParsedPosting, StructuredDataSource, Workplace } from '../../types.ts';
import type { Block } from './blocks.ts';
import { toIsoDate } from './dates.ts';
import { blocksFromString, decodeEntities, describe } from './description.ts';
import { collapse } from './dom.ts';
import { normaliseEmploymentType } from './employment-type.ts';
import { checkJobPosting } from './issues.ts';
import { locationFromPlace, parseLocations } from './location.ts';
import { parseSalaryText, salaryFromStructured } from './salary.ts';
import { detectWorkplaceAt } from './workplace.ts';

type Obj = Record<string, unknown>;

export interface FromJobPostingOptions {
  url?: string | null;
  fetchedAt?: Date;
  source?: StructuredDataSource;
  /** what structuredData.fields says for values read off the object; defaults to source ('hiring-system' for app state) */
  origin?: FieldOrigin;
}

/** A plain string from a JSON-LD value: strings, numbers, {name}, {@value}, first of arrays. */
export function jsonText(v: unknown, depth = 0): string | null {
  if (depth > 5 || v === null || v === undefined) return null;
  if (typeof v === 'string') return collapse(decodeEntities(v)) || null;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return jsonText(v[0], depth + 1);
  if (typeof v === 'object') {
    const o = v as Obj;
    return jsonText(o.name ?? o['@value'] ?? o.value ?? o.description, depth + 1);
  }
  return null;
}

// Properties that hold description content on pages that split it (schema.org eg-0028).
const EXTRA_SECTIONS: Array<[string, string]> = [
  ['responsibilities', 'Responsibilities'], ['qualifications', 'Qualifications'], ['skills', 'Skills'],
  ['experienceRequirements', 'Experience requirements'], ['educationRequirements', 'Education requirements'],
  ['jobBenefits', 'Benefits'], ['incentiveCompensation', 'Incentives'],
];

function descriptionBlocks(jp: Obj): Block[] {
  const desc = jp.description;
  const blocks = typeof desc === 'string' ? blocksFromString(desc) : [];
  let have: string | null = null; // built only when a page splits its description
  for (const [prop, heading] of EXTRA_SECTIONS) {
    if (jp[prop] === undefined) continue;
    have ??= blocks.map((b) => b.text).join(' ').toLowerCase();
    const t = jsonText(jp[prop]);
    if (!t || typeof jp[prop] === 'object' && !Array.isArray(jp[prop]) && !(jp[prop] as Obj).description && !(jp[prop] as Obj).name) continue;
    if (have.includes(t.toLowerCase().slice(0, 60))) continue;
    const extra = typeof jp[prop] === 'string' ? blocksFromString(jp[prop] as string) : [{ type: 'para' as const, text: t, tight: false }];
    blocks.push({ type: 'heading', text: heading, tight: false }, ...extra);
  }
  return blocks;
}

function locations(jp: Obj): Location[] {
  const out: Location[] = [];
  const places = Array.isArray(jp.jobLocation) ? jp.jobLocation : [jp.jobLocation];
  for (const p of places.slice(0, 50)) {
    // a text address from a feed may name several places ("London, UK; Remote, United States")
    const text = typeof p === 'string' ? p : p && typeof p === 'object' && typeof (p as Obj).address === 'string' ? (p as Obj).address as string : null;
    if (text !== null) out.push(...parseLocations(text));
    else {
      const loc = locationFromPlace(p);
      if (loc) out.push(loc);
    }
  }
  if (!out.length) {
    const req = Array.isArray(jp.applicantLocationRequirements) ? jp.applicantLocationRequirements : [jp.applicantLocationRequirements];
    for (const r of req.slice(0, 50)) {
      const loc = locationFromPlace(typeof r === 'object' && r ? { name: (r as Obj).name } : r);
      if (loc) out.push(loc);
    }
  }
  return out;
}

function companyName(org: unknown): string | null {
  const o = Array.isArray(org) ? org[0] : org;
  if (o && typeof o === 'object') return jsonText((o as Obj).name) ?? jsonText((o as Obj).legalName);
  return jsonText(o);
}

/**
 * Not schema.org: the workplace a hiring system's API states ("remote", "hybrid", "onsite"), put
 * on the JobPostings our feed adapters build. schema.org can say only TELECOMMUTE, so without it
 * a board's "hybrid" or "onsite" was lost and the text's guess ("remote-friendly team") won.
 */
export const DECLARED_WORKPLACE = 'roleradarWorkplace';

/** A hiring system's workplace label as a Workplace; null for anything else ("unspecified"). */
export function workplaceLabel(label: unknown): Workplace | null {
  if (typeof label !== 'string') return null;
  const l = label.trim().toLowerCase().replace(/[\s_-]+/g, '');
  if (l === 'remote' || l === 'fullyremote') return 'remote';
  if (l === 'hybrid') return 'hybrid';
  if (l === 'onsite' || l === 'inoffice' || l === 'office' || l === 'inperson') return 'onsite';
  return null;
}

/** True when jobLocationType says TELECOMMUTE. */
export function isTelecommute(jp: Obj): boolean {
  const t = jp.jobLocationType;
  return (Array.isArray(t) ? t : [t]).some((x) => typeof x === 'string' && /telecommute/i.test(x));
}

/** Normalises a schema.org JobPosting object into a ParsedPosting. */
export function fromJobPosting(jobPosting: Record<string, unknown>, opts: FromJobPostingOptions = {}): ParsedPosting {
  const jp = jobPosting;
  const fetchedAt = opts.fetchedAt ?? new Date();
  const source = opts.source ?? 'json-ld';
  const origin = opts.origin ?? source;
  const { description, sections } = describe(descriptionBlocks(jp));
  const locs = locations(jp);
  const title = jsonText(jp.title) ?? jsonText(jp.name);
  const country = locs.find((l) => l.country)?.country ?? null;
  const locText = locs.map((l) => l.raw).join('; ');
  // the title and location are the object's own; only the description is prose
  const said = detectWorkplaceAt([title, locText, description.slice(0, 4000)]);
  const textWorkplace = said?.workplace ?? null;
  const textOrigin: FieldOrigin = said && said.at < 2 ? origin : 'text';
  const declared = workplaceLabel(jp[DECLARED_WORKPLACE]);
  let workplace: Workplace | null;
  let workplaceFrom: FieldOrigin = origin;
  if (declared) workplace = declared;
  // TELECOMMUTE with a text saying hybrid is hybrid: the value is the text's
  else if (isTelecommute(jp)) [workplace, workplaceFrom] = textWorkplace === 'hybrid' ? ['hybrid', textOrigin] : ['remote', origin];
  else [workplace, workplaceFrom] = [textWorkplace, textOrigin];
  const url = opts.url ?? (typeof jp.url === 'string' ? jp.url : null);
  // Feeds and JSON-LD without baseSalary often state the pay in the description itself.
  const marked = salaryFromStructured(jp.baseSalary ?? jp.estimatedSalary, jp.salaryCurrency, country);
  const salary = marked ?? parseSalaryText(description, { country });
  const company = companyName(jp.hiringOrganization);
  const employmentType = normaliseEmploymentType(jp.employmentType);
  const datePosted = toIsoDate(jp.datePosted, fetchedAt);
  const validThrough = toIsoDate(jp.validThrough, fetchedAt);
  const fields: FieldOrigins = {};
  const from = (value: unknown, key: keyof FieldOrigins, where: FieldOrigin = origin): void => {
    if (value !== null && value !== '') fields[key] = where;
  };
  from(title, 'title');
  from(company, 'company');
  from(locs[0] ?? null, 'location');
  from(workplace, 'workplace', workplaceFrom);
  from(employmentType, 'employmentType');
  from(datePosted, 'datePosted');
  from(validThrough, 'validThrough');
  from(salary, 'salary', marked ? origin : 'text');
  from(description, 'description');
  return {
    url,
    title,
    company,
    description,
    sections,
    location: locs[0] ?? null,
    locations: locs,
    workplace,
    employmentType,
    datePosted,
    validThrough,
    salary,
    structuredData: { source, issues: checkJobPosting(jp, fetchedAt), fields },
  };
}
