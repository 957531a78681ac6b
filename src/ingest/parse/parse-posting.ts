// parsePosting: one HTML page to a ParsedPosting. Extracts in order of trust (JSON-LD,
// microdata, RDFa, hiring-system app state, plain HTML) and merges field by field.
import iconv from 'iconv-lite';
import type { ExtractedField, FieldOrigins, ParsedPosting, StructuredDataIssue } from '../../types.ts';
import { describeNode } from './description.ts';
import { cleanText, parsePage } from './dom.ts';
import { ParseError } from './errors.ts';
import { htmlFields } from './html-fields.ts';
import { fromJobPosting } from './job-posting.ts';
import { findJobPostings } from './json-ld.ts';
import { type Markup, readItem } from './microdata.ts';
import { type PageScan, scanPage } from './page-scan.ts';
import { stateJobPostings } from './app-state.ts';

export interface ParseOptions {
  url?: string | null;
  fetchedAt?: Date;
}

/** A structured description this long is taken as the full text, not a teaser. */
const LONG_DESCRIPTION = 300;

/** Pages beyond this are cut: a posting is never this long, and parsing time grows with size. */
export const MAX_HTML_CHARS = 3_000_000;

/** Rejects input with nothing usable: empty, or binary (many NULs / control characters). */
export function assertUsable(input: unknown, what: string): string {
  if (typeof input !== 'string') throw new ParseError(`${what} is not a string`);
  if (!/\S/.test(input)) throw new ParseError(`${what} is empty`);
  const head = input.slice(0, 4096);
  let bad = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if ((c < 9 || (c > 13 && c < 32) || c === 0xfffd) && c !== 27) bad++;
  }
  if (bad > head.length * 0.1) throw new ParseError(`${what} looks binary, not text`);
  return input.length > MAX_HTML_CHARS ? input.slice(0, MAX_HTML_CHARS) : input;
}

/** Parses one HTML page into a ParsedPosting. Never throws on bad HTML; throws ParseError only when there is nothing usable (empty/binary input). */
export function parsePosting(html: string, opts: ParseOptions = {}): ParsedPosting {
  const text = repairMojibake(assertUsable(html, 'page'));
  const ctx = { url: opts.url ?? null, fetchedAt: opts.fetchedAt ?? new Date() };
  const scan = scanPage(parsePage(text));
  const h1 = scan.h1[0] ? cleanText(scan.h1[0]) : null;
  const ld = findJobPostings(scan.ldScripts);
  const structured = [...structuredCandidates(scan, ctx, ld.postings, h1), ...stateJobPostings(scan.stateScripts, ctx)];
  const long = structured.find((p) => p.description.length >= LONG_DESCRIPTION);
  const plain = htmlFields(scan, ctx, {
    described: long ? { description: long.description, sections: long.sections } : undefined,
    describedFrom: long?.structuredData.fields?.description,
    salary: structured.some((p) => p.salary),
    workplace: structured.some((p) => p.workplace),
  });
  const notes: StructuredDataIssue[] = ld.unreadable && !ld.postings.length
    ? [{ property: 'JobPosting', severity: 'error', message: `${ld.unreadable} JSON-LD script(s) could not be read, even leniently: fix the JSON` }]
    : [];
  const parsed = merge(structured, plain, notes);
  // A cut page gives a partial result: say so, or a recruiter reads "no markup" for markup that was cut off.
  if (html.length > MAX_HTML_CHARS) {
    parsed.structuredData.issues = [...parsed.structuredData.issues, {
      property: 'page', severity: 'warning',
      message: `the page is ${html.length.toLocaleString('en')} characters long: only the first ${MAX_HTML_CHARS.toLocaleString('en')} were read, so fields and markup after that may be missing`,
    }];
  }
  return parsed;
}

function structuredCandidates(scan: PageScan, ctx: { url: string | null; fetchedAt: Date },
  postings: Array<Record<string, unknown>>, h1: string | null): ParsedPosting[] {
  const out: ParsedPosting[] = [];
  const ld = pickPosting(postings, h1);
  if (ld) out.push(fromJobPosting(ld, { ...ctx, source: 'json-ld' }));
  for (const mode of ['microdata', 'rdfa'] as Markup[]) {
    const root = scan[mode];
    if (!root) continue;
    const item = readItem(root, mode);
    const p = fromJobPosting(item.jobPosting, { ...ctx, source: mode });
    if (item.descriptionNode) Object.assign(p, describeNode(item.descriptionNode));
    out.push(p);
  }
  return out;
}

// UTF-8 bytes decoded as Latin-1/Windows-1252 upstream ("Ã©", "â€™"): undo when it is clearly that.
const MOJIBAKE = /Ã[\u0080-\u00bf]|â€[\u0080-\u00bf™œ¦˜”“]/g;

/** Re-decodes text that was UTF-8 read as Latin-1, when that removes the mojibake. */
export function repairMojibake(text: string): string {
  if (!text.includes('Ã') && !text.includes('â€')) return text;
  const hits = text.slice(0, 200_000).match(MOJIBAKE)?.length ?? 0;
  if (hits < 2) return text;
  const fixed = iconv.encode(text, 'windows-1252').toString('utf8');
  return fixed.includes('\ufffd') ? text : fixed;
}

/** Of several JobPostings on one page, the one whose title matches the page heading, else the first. */
function pickPosting(list: Array<Record<string, unknown>>, h1: string | null): Record<string, unknown> | null {
  if (list.length <= 1 || !h1) return list[0] ?? null;
  const want = h1.toLowerCase();
  return list.find((jp) => typeof jp.title === 'string' && jp.title.toLowerCase().trim() === want) ?? list[0] ?? null;
}

const NO_MARKUP: StructuredDataIssue = {
  property: 'JobPosting', severity: 'error',
  message: 'no schema.org JobPosting markup (JSON-LD, microdata or RDFa) on the page: Google cannot show it in job search',
};

/**
 * Field by field, the first source that has a value wins; description goes with its sections.
 * A value a source only read from prose (origin 'text') yields to any later source that states
 * it (a hiring system's "Remote status: Hybrid" beats a JSON-LD description's "remote-friendly").
 * structuredData.fields records, for each field, the origin the winning candidate gave it.
 */
export function merge(structured: ParsedPosting[], plain: ParsedPosting, notes: StructuredDataIssue[] = []): ParsedPosting {
  const all = [...structured, plain];
  const fields: FieldOrigins = {};
  const origin = (p: ParsedPosting, k: ExtractedField) => p.structuredData.fields?.[k];
  /** The candidate whose value for k wins: the first stated one, else the first read from text. */
  const winner = (k: ExtractedField, has: (p: ParsedPosting) => boolean): ParsedPosting | undefined => {
    const p = all.find((c) => has(c) && origin(c, k) !== 'text') ?? all.find(has);
    const o = p && origin(p, k);
    if (o) fields[k] = o;
    return p;
  };
  const pick = <K extends ExtractedField>(k: K): ParsedPosting[K] =>
    winner(k, (p) => p[k] !== null && p[k] !== undefined)?.[k] ?? plain[k];
  const withLoc = winner('location', (p) => p.locations.length > 0) ?? plain;
  const desc = pickDescription(structured, plain);
  if (desc.description && origin(desc, 'description')) fields.description = origin(desc, 'description');
  const marked = structured.find((p) => p.structuredData.source !== 'html');
  const merged: ParsedPosting = {
    url: all.find((p) => p.url !== null)?.url ?? plain.url,
    title: pick('title'),
    company: pick('company'),
    description: desc.description,
    sections: desc.sections,
    location: withLoc.location,
    locations: withLoc.locations,
    workplace: pick('workplace'),
    employmentType: pick('employmentType'),
    datePosted: pick('datePosted'),
    validThrough: pick('validThrough'),
    salary: pick('salary'),
    structuredData: marked
      ? { source: marked.structuredData.source, issues: marked.structuredData.issues }
      : { source: structured[0]?.structuredData.source ?? 'html', issues: notes.length ? notes : [NO_MARKUP] },
  };
  // Known only now: the picks above recorded each field's origin as they chose.
  merged.structuredData.fields = inFieldOrder(fields);
  return merged;
}

const FIELD_ORDER: readonly ExtractedField[] = ['title', 'company', 'location', 'workplace', 'employmentType', 'datePosted',
  'validThrough', 'salary', 'description'];

/** The same origins, keyed in the analysis' field order (stable JSON for readers and fixtures). */
function inFieldOrder(fields: FieldOrigins): FieldOrigins {
  const out: FieldOrigins = {};
  for (const k of FIELD_ORDER) if (fields[k]) out[k] = fields[k];
  return out;
}

/** Structured descriptions win unless they are a teaser and the page holds far more text. */
function pickDescription(structured: ParsedPosting[], plain: ParsedPosting): ParsedPosting {
  const best = structured.find((p) => p.description.length > 0);
  if (!best) return plain;
  if (best.description.length >= LONG_DESCRIPTION || plain.description.length < best.description.length * 3) return best;
  return plain;
}

