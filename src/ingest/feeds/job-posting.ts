// Builders for the schema.org JobPosting objects adapters hand to the parser's fromJobPosting().
// They map a hiring system's fields into JobPosting properties and vocabulary; they do not
// normalise values (the parser turns HTML into text, amounts into annual salaries, and so on).
import { str } from './values.ts';

/** schema.org's unitText values for a pay period. */
export type SalaryUnit = 'HOUR' | 'DAY' | 'WEEK' | 'MONTH' | 'YEAR';

/** The parts of a structured address, as a hiring system gives them. */
export interface AddressParts {
  locality?: string | null;
  region?: string | null;
  /** a country name or ISO code, as given */
  country?: string | null;
  postalCode?: string | null;
  street?: string | null;
}

/** A JobPosting: '@context' and '@type' added, empty properties (null, '', [], {}) dropped. */
export function jobPosting(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { '@context': 'https://schema.org', '@type': 'JobPosting' };
  for (const [key, value] of Object.entries(fields)) {
    if (!isEmpty(value)) out[key] = value;
  }
  return out;
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

/** The posting when it carries a description; null otherwise, so the caller fetches the richer page. */
export function carriedPosting(posting: Record<string, unknown>): Record<string, unknown> | null {
  const description = posting['description'];
  return typeof description === 'string' && description.trim() !== '' ? posting : null;
}

/** A Place with a structured PostalAddress; null when every part is empty. */
export function place(parts: AddressParts): Record<string, unknown> | null {
  const address: Record<string, unknown> = { '@type': 'PostalAddress' };
  const fields: [string, string | null | undefined][] = [
    ['streetAddress', parts.street],
    ['addressLocality', parts.locality],
    ['addressRegion', parts.region],
    ['postalCode', parts.postalCode],
    ['addressCountry', parts.country],
  ];
  for (const [key, value] of fields) {
    const text = str(value);
    if (text !== null) address[key] = text;
  }
  return Object.keys(address).length > 1 ? { '@type': 'Place', address } : null;
}

/**
 * A Place for a location the source only gives as free text ("Berlin, Germany", "Remote - EU"):
 * the text is the address (schema.org allows Text there), unsplit, because splitting it into
 * city, region and country is the parser's normalisation and it knows every source's conventions.
 */
export function placeFromText(text: unknown): Record<string, unknown> | null {
  const value = str(text);
  return value === null ? null : { '@type': 'Place', address: value };
}

/** The non-null places, for jobLocation. */
export function places(list: (Record<string, unknown> | null)[]): Record<string, unknown>[] {
  return list.filter((p): p is Record<string, unknown> => p !== null);
}

/** A MonetaryAmount for baseSalary; null without any amount. */
export function baseSalary(
  currency: unknown,
  min: number | null,
  max: number | null,
  unit: SalaryUnit | null,
): Record<string, unknown> | null {
  if (min === null && max === null) return null;
  const value: Record<string, unknown> = { '@type': 'QuantitativeValue' };
  if (min !== null) value['minValue'] = min;
  if (max !== null) value['maxValue'] = max;
  if (unit !== null) value['unitText'] = unit;
  const amount: Record<string, unknown> = { '@type': 'MonetaryAmount', value };
  const code = str(currency);
  if (code !== null) amount['currency'] = code.toUpperCase();
  return amount;
}

/** schema.org's unitText for a pay period as sources write it ("year", "per-year-salary", "1 YEAR", "Hour", "annual"). */
export function salaryUnit(text: unknown): SalaryUnit | null {
  const value = str(text)?.toLowerCase() ?? '';
  if (/hour/.test(value)) return 'HOUR';
  if (/day|daily/.test(value)) return 'DAY';
  if (/week/.test(value)) return 'WEEK';
  if (/month/.test(value)) return 'MONTH';
  if (/year|annual|annum/.test(value)) return 'YEAR';
  return null;
}

const EMPLOYMENT_TYPES: [RegExp, string][] = [
  [/^(full[\s_-]?time|fulltime)/i, 'FULL_TIME'],
  [/^(part[\s_-]?time|parttime)/i, 'PART_TIME'],
  [/^(intern|internship|trainee|working[\s_-]?student|werkstudent)/i, 'INTERN'],
  [/^(contract|contractor|freelance|freelancer)/i, 'CONTRACTOR'],
  [/^(temporary|temp|seasonal)/i, 'TEMPORARY'],
  [/^(volunteer)/i, 'VOLUNTEER'],
  [/^(per[\s_-]?diem)/i, 'PER_DIEM'],
];

/**
 * schema.org's employmentType value for a source's code ("FullTime", "part-time",
 * "fulltime_permanent"): the first of the given texts that maps to one, else the first text.
 */
export function employmentType(...texts: unknown[]): string | null {
  const values = texts.map(str).filter((v): v is string => v !== null);
  for (const value of values) {
    for (const [pattern, type] of EMPLOYMENT_TYPES) if (pattern.test(value)) return type;
  }
  return values[0] ?? null;
}

/** hiringOrganization for a company name. */
export function organization(name: unknown): Record<string, unknown> | null {
  const text = str(name);
  return text === null ? null : { '@type': 'Organization', name: text };
}

/** identifier: the source's id as a PropertyValue. */
export function identifier(source: string, id: unknown): Record<string, unknown> | null {
  const value = str(id);
  return value === null ? null : { '@type': 'PropertyValue', name: source, value };
}

/** Escapes text for inclusion in HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Plain text as HTML: blank-line-separated paragraphs become <p>, single line breaks <br>. */
export function textToHtml(text: string): string {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((para) => para.trim())
    .filter((para) => para !== '')
    .map((para) => `<p>${escapeHtml(para).replace(/\r?\n/g, '<br>')}</p>`)
    .join('\n');
}

const BASIC_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * Undoes one level of HTML escaping (Greenhouse's `content` is HTML escaped once more). Only the
 * escaping entities and numeric references are decoded: an escaped `&amp;nbsp;` becomes
 * `&nbsp;`, which is the HTML as written, and any other named entity is left for the HTML parser.
 */
export function unescapeHtmlOnce(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{1,32});/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return BASIC_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** A section under its heading as an <h3> (escaped); the section alone without a heading, null without a section. */
export function headedHtml(heading: string | null, html: string | null): string | null {
  if (html === null) return null;
  return heading === null ? html : `<h3>${escapeHtml(heading)}</h3>\n${html}`;
}

/** Joins HTML fragments, skipping empty ones. */
export function joinHtml(parts: (string | null | undefined)[]): string | null {
  const kept = parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  return kept.length === 0 ? null : kept.join('\n');
}
