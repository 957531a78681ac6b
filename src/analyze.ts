import { classifyPosting } from './classify/index.ts';
import { parsePosting, parseText } from './ingest/parse/index.ts';
import type { Classification, ParsedPosting, PostingAnalysis, Taxonomy } from './types.ts';

// The one analysis path: the CLI, the worker and a synchronous API call all come through here.

/** Joins a parsed posting and its tags into the public analysis shape (PRODUCT.md). */
export function toAnalysis(p: ParsedPosting, c: Classification): PostingAnalysis {
  return {
    url: p.url,
    title: p.title,
    company: p.company,
    location: p.location,
    workplace: p.workplace,
    employmentType: p.employmentType,
    datePosted: p.datePosted,
    validThrough: p.validThrough,
    salary: p.salary,
    seniority: c.seniority,
    industries: c.industries,
    roles: c.roles,
    skills: c.skills,
    structuredData: p.structuredData,
    taxonomyVersion: c.taxonomyVersion,
  };
}

/** A posting's analysis with the parsed text it came from (stored for re-tagging and dedup). */
export interface Analyzed {
  parsed: ParsedPosting;
  analysis: PostingAnalysis;
}

/** Analyses one parsed posting. */
export function analyzeParsed(parsed: ParsedPosting, taxonomy: Taxonomy): Analyzed {
  return { parsed, analysis: toAnalysis(parsed, classifyPosting(parsed, taxonomy)) };
}

/**
 * Removes NUL characters, which Postgres cannot store in text or jsonb. It happens before
 * parsing, so every offset the tagger reports points into text that can be stored as it is.
 */
export function withoutNul(s: string): string {
  return s.includes('\0') ? s.replaceAll('\0', '') : s;
}

/** Analyses an HTML page. */
export function analyzeHtml(html: string, opts: { url?: string | null; fetchedAt?: Date }, taxonomy: Taxonomy): Analyzed {
  return analyzeParsed(parsePosting(withoutNul(html), opts), taxonomy);
}

/** Analyses pasted text with an optional title. */
export function analyzeText(
  text: string,
  opts: { title?: string | null; url?: string | null; fetchedAt?: Date },
  taxonomy: Taxonomy,
): Analyzed {
  const title = opts.title == null ? opts.title : withoutNul(opts.title);
  return analyzeParsed(parseText(withoutNul(text), { ...opts, title }), taxonomy);
}
