// Fields read from plain HTML: hiring-system elements, dt/dd labels, OpenGraph/meta tags, the
// h1 and <title>, and the main content. The lowest-trust source; structured data wins.
import type { Location, ParsedPosting, Salary, Workplace } from '../../types.ts';
import { toIsoDate } from './dates.ts';
import { type Described, describe, decodeEntities } from './description.ts';
import { htmlToBlocks } from './blocks.ts';
import { type Element, cleanText, collapse } from './dom.ts';
import { normaliseEmploymentType } from './employment-type.ts';
import type { AtsField } from './hiring-systems.ts';
import { parseLocations } from './location.ts';
import { mainContent } from './main-content.ts';
import type { PageScan } from './page-scan.ts';
import { parseSalaryText } from './salary.ts';
import { cleanTitle, companyFromTitle, isJobBoardName } from './title.ts';
import { detectWorkplace } from './workplace.ts';

const LABELS: Array<[AtsField, RegExp]> = [
  ['location', /^(?:job )?locations?$|^(?:standort|arbeitsort|office|based in|where)$/i],
  ['employmentType', /^(?:employment|job|contract|work)[ -]?type$|^(?:type|commitment|schedule|hours|anstellungsart|beschäftigungsart)$/i],
  ['salary', /^(?:salary|compensation|pay|pay range|salary range|base salary|rate|gehalt|vergütung)$/i],
  ['datePosted', /^(?:date )?posted(?: on)?$|^(?:posting date|published|veröffentlicht)$/i],
  ['workplace', /^(?:remote(?: status)?|workplace(?: type)?|work(?:ing)? model|location type)$/i],
  ['company', /^(?:company|employer|organi[sz]ation|hiring company|unternehmen)$/i],
];

function atsText(scan: PageScan, field: AtsField): string | null {
  const els = scan.ats.get(field);
  if (!els?.length) return null;
  const parts = els.slice(0, 10).map((e) => fieldText(e, field)).filter(Boolean);
  return parts.length ? parts.join(field === 'location' ? '; ' : ' ') : null;
}

/** Text of a field element; a title container yields its heading; label/value groups their values. */
function fieldText(el: Element, field: AtsField): string {
  if (field === 'title') {
    const h = findFirst(el, (e) => /^h[1-3]$/.test(e.name));
    return cleanText(h ?? el);
  }
  const dds = field === 'location' ? findAll(el, (e) => e.name === 'dd') : [];
  if (dds.length) return dds.map(cleanText).join('; ');
  return cleanText(el).replace(/^(?:locations?|posted on|time type|remote type)\s*:?\s*/i, '');
}

function findFirst(el: Element, pred: (e: Element) => boolean): Element | null {
  for (const c of el.children) {
    if (c.type !== 'tag') continue;
    if (pred(c as Element)) return c as Element;
    const f = findFirst(c as Element, pred);
    if (f) return f;
  }
  return null;
}

function findAll(el: Element, pred: (e: Element) => boolean, out: Element[] = []): Element[] {
  for (const c of el.children) {
    if (c.type !== 'tag') continue;
    if (pred(c as Element)) out.push(c as Element);
    else findAll(c as Element, pred, out);
  }
  return out;
}

/** Label -> value from dt/dd and th/td pairs. */
function labelled(scan: PageScan): Map<AtsField, string> {
  const out = new Map<AtsField, string>();
  for (const [label, el] of scan.labels) {
    const key = label.replace(/[:：]\s*$/, '').trim();
    const field = LABELS.find(([, re]) => re.test(key))?.[0];
    if (!field || out.has(field)) continue;
    let value = el.next;
    while (value && value.type !== 'tag') value = value.next;
    if (value) out.set(field, cleanText(value));
  }
  return out;
}

const LINE_LABEL = /^(location|locations|standort|salary|compensation|pay range|employment type|job type|posted|date posted)\s*[:：]\s*(.+)$/i;

/** "Location: Berlin" style lines at the top of a description. */
function lineLabels(description: string): Map<AtsField, string> {
  const out = new Map<AtsField, string>();
  for (const line of description.slice(0, 3000).split('\n')) {
    const m = LINE_LABEL.exec(line);
    if (!m) continue;
    const field = LABELS.find(([, re]) => re.test(m[1]!))?.[0];
    if (field && !out.has(field)) out.set(field, m[2]!);
  }
  return out;
}

export interface HtmlFields {
  posting: ParsedPosting;
  siteName: string | null;
}

/** Everything the plain page says, for fields structured data left empty. */
export function htmlFields(scan: PageScan, opts: { url: string | null; fetchedAt: Date }): ParsedPosting {
  const meta = scan.meta;
  const siteNameRaw = meta.get('og:site_name') ?? meta.get('application-name') ?? null;
  const siteName = siteNameRaw && !isJobBoardName(siteNameRaw) ? collapse(siteNameRaw) : null;
  const labels = labelled(scan);
  const pageTitle = scan.title ? decodeEntities(scan.title) : null;
  const company = atsText(scan, 'company') ?? labels.get('company') ?? siteName
    ?? (pageTitle ? companyFromTitle(pageTitle) : null);
  const h1 = scan.h1.map(cleanText).find((t) => t.length > 1 && t.length < 200) ?? null;
  const ogTitle = meta.get('og:title') ?? meta.get('twitter:title') ?? null;
  const title = atsText(scan, 'title') ?? h1 ?? (ogTitle ? cleanTitle(ogTitle, { siteName: siteNameRaw, company }) : null)
    ?? (pageTitle ? cleanTitle(pageTitle, { siteName: siteNameRaw, company }) : null);
  const described = describeMain(scan, meta);
  const lines = lineLabels(described.description);
  const locText = atsText(scan, 'location') ?? labels.get('location') ?? lines.get('location') ?? null;
  const locations: Location[] = locText ? parseLocations(locText) : [];
  const country = locations.find((l) => l.country)?.country ?? null;
  const salaryText = atsText(scan, 'salary') ?? labels.get('salary') ?? lines.get('salary') ?? null;
  const salary: Salary | null = (salaryText ? parseSalaryText(salaryText, { country }) : null)
    ?? parseSalaryText(described.description, { country });
  const workplace: Workplace | null = detectWorkplace(atsText(scan, 'workplace'), labels.get('workplace'), locText, title,
    described.description.slice(0, 6000));
  const dateText = atsText(scan, 'datePosted') ?? labels.get('datePosted') ?? lines.get('datePosted')
    ?? meta.get('article:published_time') ?? meta.get('date') ?? null;
  return {
    url: opts.url ?? meta.get('og:url') ?? null,
    title: title ? cleanTitle(title, { siteName: siteNameRaw, company }) : null,
    company,
    description: described.description,
    sections: described.sections,
    location: locations[0] ?? null,
    locations,
    workplace,
    employmentType: normaliseEmploymentType(atsText(scan, 'employmentType') ?? labels.get('employmentType') ?? lines.get('employmentType') ?? null)
      ?? normaliseEmploymentType(title),
    datePosted: toIsoDate(dateText, opts.fetchedAt),
    validThrough: null,
    salary,
    structuredData: { source: 'html', issues: [] },
  };
}

function describeMain(scan: PageScan, meta: Map<string, string>): Described {
  const roots = mainContent(scan);
  const blocks = roots.flatMap((r) => htmlToBlocks(r));
  if (blocks.length) return describe(blocks);
  const summary = meta.get('og:description') ?? meta.get('description') ?? '';
  return describe(summary ? [{ type: 'para', text: collapse(summary), tight: false }] : []);
}
