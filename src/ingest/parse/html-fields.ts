// Fields read from plain HTML: hiring-system elements, dt/dd labels, the line under the h1
// ("Berlin, Germany · Hybrid · Full-time"), OpenGraph/meta tags, the h1 and <title>, and the
// main content. The lowest-trust source: structured data wins field by field.
import type { FieldOrigin, FieldOrigins, Location, ParsedPosting, Salary } from '../../types.ts';
import { type Block, htmlToBlocks } from './blocks.ts';
import { toIsoDate } from './dates.ts';
import { type Described, decodeEntities, describe } from './description.ts';
import { type Element, cleanText, collapse, isElement } from './dom.ts';
import { normaliseEmploymentType } from './employment-type.ts';
import type { AtsField } from './hiring-systems.ts';
import { parseLocations } from './location.ts';
import { findMainContent } from './main-content.ts';
import type { PageScan } from './page-scan.ts';
import { parseSalaryText } from './salary.ts';
import { cleanTitle, companyBesideTitle, companyFromTitle, isJobBoardName } from './title.ts';
import { detectWorkplaceAt } from './workplace.ts';

const LABELS: Array<[AtsField, RegExp]> = [
  ['location', /^(?:job )?locations?$|^(?:standort|arbeitsort|office|based in|where)$/i],
  ['employmentType', /^(?:employment|job|contract|work|position|time)[ -]?type$|^(?:type|commitment|schedule|hours|anstellungsart|beschäftigungsart)$/i],
  ['salary', /^(?:salary|compensation|pay|pay range|salary range|base salary|rate|stipend|gehalt|vergütung)$/i],
  ['datePosted', /^(?:date )?posted(?: on)?$|^(?:posting date|published|veröffentlicht)$/i],
  ['workplace', /^(?:remote(?: status| type)?|workplace(?: type)?|work(?:ing)? model|location type|telecommuting options?|telework(?:ing)? options?)$/i],
  ['company', /^(?:company|employer|organi[sz]ation|hiring company|unternehmen)$/i],
];
const LINE_LABEL = /^(location|locations|standort|salary|compensation|pay|pay range|stipend|employment type|job type|hours|posted|date posted)\s*[:：]\s*(.+)$/i;

/** What structured data already gave, so the plain-HTML pass can skip the costly parts. */
export interface Known {
  described?: Described;
  /** where the described text came from (the structured source that gave it) */
  describedFrom?: FieldOrigin;
  salary?: boolean;
  workplace?: boolean;
}

function atsText(scan: PageScan, field: AtsField): string | null {
  const els = scan.ats.get(field);
  if (!els?.length) return null;
  if (field === 'title') return fieldText(els[0]!, field) || null;
  const parts = els.slice(0, 10).map((e) => fieldText(e, field)).filter(Boolean);
  return parts.length ? parts.join(field === 'location' ? '; ' : ' ') : null;
}

/** Text of a field element; a title container yields its heading; label/value groups their values. */
function fieldText(el: Element, field: AtsField): string {
  if (field === 'title') return cleanText(findFirst(el, (e) => /^h[1-3]$/.test(e.name)) ?? el);
  const dds = findAll(el, (e) => e.name === 'dd');
  if (dds.length) return dds.map((e) => cleanText(e)).join('; ');
  const t = cleanText(el);
  return field === 'company' ? t.replace(/^at\s+/i, '') : t;
}

function findFirst(el: Element, pred: (e: Element) => boolean, depth = 0): Element | null {
  if (depth > 50) return null;
  for (const c of el.children) {
    if (c.type !== 'tag') continue;
    if (pred(c as Element)) return c as Element;
    const f = findFirst(c as Element, pred, depth + 1);
    if (f) return f;
  }
  return null;
}

function findAll(el: Element, pred: (e: Element) => boolean, out: Element[] = [], depth = 0): Element[] {
  if (depth > 50) return out;
  for (const c of el.children) {
    if (c.type !== 'tag') continue;
    if (pred(c as Element)) out.push(c as Element);
    else findAll(c as Element, pred, out, depth + 1);
  }
  return out;
}

/** A value and where it was read. */
type Found<T = string> = [T, FieldOrigin];

/** The first candidate with a value, with its origin. */
function firstFound<T>(...cands: Array<[T | null | undefined, FieldOrigin]>): Found<T> | null {
  for (const [v, o] of cands) if (v !== null && v !== undefined) return [v, o];
  return null;
}

/** Label -> value from dt/dd and th/td pairs ('html'), and "Label: value" lines of the description ('text'). */
function labelled(scan: PageScan, description: string): Map<AtsField, Found> {
  const out = new Map<AtsField, Found>();
  const put = (label: string, value: string, origin: FieldOrigin): void => {
    const field = LABELS.find(([, re]) => re.test(label.replace(/[:：]\s*$/, '').trim()))?.[0];
    if (field && !out.has(field) && value) out.set(field, [value, origin]);
  };
  for (const [label, el] of scan.labels) {
    let value = el.next;
    while (value && value.type !== 'tag') value = value.next;
    if (value) put(label, cleanText(value), 'html');
  }
  for (const line of description.slice(0, 3000).split('\n')) {
    const m = LINE_LABEL.exec(line);
    if (m) put(m[1]!, m[2]!, 'text');
  }
  return out;
}

/** The parts of the short line under the h1: "Berlin, Germany · Hybrid · Full-time". */
function metaParts(scan: PageScan): string[] {
  const h1 = scan.h1[0];
  if (!h1) return [];
  let sib = h1.next;
  while (sib && !isElement(sib)) sib = sib.next;
  const el = sib && isElement(sib) ? (sib as Element) : null;
  if (!el || /^h[1-6]$/.test(el.name)) return [];
  const text = cleanText(el, 251);
  if (!text || text.length > 250) return [];
  const kids = el.children.filter((c): c is Element => isElement(c) && c.name !== 'br');
  const parts = kids.length > 1 ? kids.map((e) => cleanText(e)) : text.split(/\s*[·|•]\s*/);
  return parts.map((p) => p.trim()).filter(Boolean);
}

// A place written on the line under the title reads like one: "Berlin, Germany", "Austin, TX",
// "Frankfurt am Main, Germany". Every word is capitalised (short particles aside) and there are no
// digits, so a sentence such as "Django and PostgreSQL experience, 5 years." is never taken for a
// city and region.
const PLACE_WORD = /^(?:\p{Lu}[\p{L}'.-]*|\p{Ll}{1,3})$/u;
const looksLikePlace = (s: string): boolean =>
  s.length <= 80 && !/\d/.test(s) && s.split(/[\s,()]+/).filter(Boolean).every((w) => PLACE_WORD.test(w));

function metaLocation(parts: string[]): Location[] {
  for (const p of parts) {
    if (!looksLikePlace(p) || /posted|ago|time|contract|intern/i.test(p)) continue;
    const locs = parseLocations(p).filter((l) => l.country || (l.city && l.region));
    if (locs.length) return locs;
  }
  return [];
}

/** The employer named by a company section heading ("About Castellan Shipping"). */
function companyFromHeadings(d: Described): string | null {
  for (const s of d.sections) {
    const m = s.kind === 'company' && s.heading ? /^[Aa]bout ([A-Z][\w&.' -]{1,50})$/.exec(s.heading.replace(/[:.]$/, '')) : null;
    if (m && !/^(?:us|the|our)\b/i.test(m[1]!)) return m[1]!.trim();
  }
  return null;
}

/** Everything the plain page says, for fields structured data left empty, each with where it was read. */
export function htmlFields(scan: PageScan, opts: { url: string | null; fetchedAt: Date }, known: Known = {}): ParsedPosting {
  const meta = scan.meta;
  const siteNameRaw = meta.get('og:site_name') ?? meta.get('application-name') ?? null;
  // An employer's careers site names the employer: "Acme Careers" or "Careers at Acme" is Acme.
  const siteName = siteNameRaw && !isJobBoardName(siteNameRaw) ? companyFromTitle(siteNameRaw) ?? collapse(siteNameRaw) : null;
  const pageTitle = scan.title ? decodeEntities(scan.title) : null;
  // A long structured description makes the main-content walk unnecessary (half the cost of a page).
  const [described, describedFrom]: Found<Described> = known.described
    ? [known.described, known.describedFrom ?? 'html'] : describeMain(scan, meta);
  const labels = labelled(scan, described.description);
  const ats = (field: AtsField): Found<string | null> => [atsText(scan, field), 'hiring-system'];
  const label = (field: AtsField): Found<string | null> => labels.get(field) ?? [null, 'html'];
  const parts = metaParts(scan);
  const [title, titleFrom] = pickTitle(scan, pageTitle, siteNameRaw) ?? [null, 'html'];
  const company = firstFound(ats('company'), label('company'), [siteName, 'meta'],
    [pageTitle ? companyFromTitle(pageTitle) ?? (title ? companyBesideTitle(pageTitle, title) : null) : null, 'html'],
    [companyFromHeadings(described), 'text']);
  const loc = firstFound(ats('location'), label('location'));
  const locText = loc?.[0] ?? null;
  const locations = locText ? parseLocations(locText) : metaLocation(parts);
  const locationFrom: FieldOrigin = loc?.[1] ?? 'html';
  const country = locations.find((l) => l.country)?.country ?? null;
  const salaryText = firstFound(ats('salary'), label('salary'));
  const labelledSalary = salaryText ? parseSalaryText(salaryText[0], { country }) : null;
  const salary: Found<Salary> | null = labelledSalary ? [labelledSalary, salaryText![1]]
    : firstFound([known.salary ? null : parseSalaryText(described.description, { country }), 'text']);
  const dateText = firstFound(ats('datePosted'), label('datePosted'), [parts.find((p) => /posted|ago\b|today|yesterday/i.test(p)), 'html'],
    [meta.get('article:published_time') ?? meta.get('date'), 'meta']);
  const datePosted = dateText ? toIsoDate(dateText[0], opts.fetchedAt) : null;
  const typeText = firstFound(ats('employmentType'), label('employmentType'));
  const employmentType = firstFound(
    [typeText ? normaliseEmploymentType(typeText[0]) : null, typeText?.[1] ?? 'html'],
    [normaliseEmploymentType(title), titleFrom],
    [normaliseEmploymentType(parts), 'html']);
  const workplaceTexts: Array<Found<string | null | undefined>> = [ats('workplace'), label('workplace'), [locText, locationFrom],
    [title, titleFrom], [parts.join(' · '), 'html'], [headerText(scan), 'html'],
    [known.workplace ? null : described.description.slice(0, 6000), 'text']];
  const said = detectWorkplaceAt(workplaceTexts.map(([t]) => t));
  const fields: FieldOrigins = {};
  if (title) fields.title = titleFrom;
  if (company) fields.company = company[1];
  if (locations.length) fields.location = locationFrom;
  if (said) fields.workplace = workplaceTexts[said.at]![1];
  if (employmentType) fields.employmentType = employmentType[1];
  if (datePosted && dateText) fields.datePosted = dateText[1];
  if (salary) fields.salary = salary[1];
  if (described.description) fields.description = describedFrom;
  return {
    url: opts.url ?? meta.get('og:url') ?? null,
    title: title ? cleanTitle(title, { siteName: siteNameRaw, company: company?.[0] ?? null }) : null,
    company: company?.[0] ?? null,
    description: described.description,
    sections: described.sections,
    location: locations[0] ?? null,
    locations,
    workplace: said?.workplace ?? null,
    employmentType: employmentType?.[0] ?? null,
    datePosted,
    validThrough: null,
    salary: salary?.[0] ?? null,
    structuredData: { source: 'html', issues: [], fields },
  };
}

/** Hiring-system title, h1, an h2 the <title> starts with, og:title, then <title>. */
function pickTitle(scan: PageScan, pageTitle: string | null, siteName: string | null): Found<string | null> | null {
  const ats = atsText(scan, 'title');
  if (ats) return [ats, 'hiring-system'];
  const h1 = scan.h1.map((e) => cleanText(e)).find((t) => t.length > 1 && t.length < 200);
  if (h1) return [h1, 'html'];
  const h2 = scan.h2 ? cleanText(scan.h2) : null;
  if (h2 && h2.length > 1 && (!pageTitle || pageTitle.toLowerCase().startsWith(h2.toLowerCase()))) return [h2, 'html'];
  const og = scan.meta.get('og:title') ?? scan.meta.get('twitter:title') ?? null;
  if (og) return [cleanTitle(decodeEntities(og), { siteName }), 'meta'];
  return pageTitle ? [cleanTitle(pageTitle, { siteName }), 'html'] : null;
}

/** The short text around the page's h1 (where "Berlin · Hybrid" lines usually sit). */
function headerText(scan: PageScan): string | null {
  const parent = scan.h1[0]?.parent;
  if (!parent || parent.type !== 'tag') return null;
  const t = cleanText(parent, 401);
  return t.length <= 400 ? t : null;
}

// "Similar jobs" lists without a telling class: dropped from their heading to the next one.
const LIST_OF_OTHER_JOBS = /^(?:similar|related|other|more|recommended|latest|recent) (?:jobs|positions|roles|openings|vacancies|opportunities)\b|^jobs you (?:may|might) (?:also )?like|^you (?:may|might) also like|^share (?:this )?(?:job|posting)/i;

function dropOtherJobs(blocks: Block[]): Block[] {
  let skipping = false;
  return blocks.filter((b) => {
    if (b.type === 'heading') skipping = LIST_OF_OTHER_JOBS.test(b.text);
    return !skipping;
  });
}

function describeMain(scan: PageScan, meta: Map<string, string>): Found<Described> {
  const main = findMainContent(scan);
  const blocks = dropOtherJobs(main.elements.flatMap((r) => htmlToBlocks(r)));
  if (blocks.length) return [describe(blocks), main.origin];
  const summary = meta.get('og:description') ?? meta.get('description') ?? '';
  return [describe(summary ? [{ type: 'para', text: collapse(decodeEntities(summary)), tight: false }] : []), 'meta'];
}
