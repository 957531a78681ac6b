// JSON Feed 1.0/1.1 (jsonfeed.org): {version, title, items: [...], next_url}. An item that
// carries a schema.org JobPosting in a "_jobposting" extension (Teamtailor does) hands it over,
// its description completed from content_html; other items are links to posting pages.
import { parseJsonDocument } from '../document.ts';
import { collectItems, ItemError, type RawItem } from '../items.ts';
import { carriedPosting, organization, textToHtml } from '../job-posting.ts';
import { FeedError, type FeedPage, type ParseFeedOptions } from '../types.ts';
import { absoluteUrl, boundedClone, isoDate, isRecord, str } from '../values.ts';

/** Reading options that differ between plain JSON Feeds and a hiring system's. */
export interface JsonFeedFlavour {
  /** use the feed's title as hiringOrganization when the posting has none (Teamtailor's feed title is the company) */
  feedTitleIsCompany: boolean;
}

/** Parses a JSON Feed document. */
export function parseJsonFeed(body: string, opts: ParseFeedOptions, flavour?: JsonFeedFlavour): FeedPage {
  const doc = parseJsonDocument(body);
  if (!isJsonFeed(doc)) throw new FeedError('not a JSON Feed (no jsonfeed.org version and "items" array)');
  const company = flavour?.feedTitleIsCompany === true ? str(doc['title']) : null;
  const collected = collectItems(doc['items'] as unknown[], (entry) => mapItem(entry, company), opts.url);
  return { ...collected, nextPageUrl: absoluteUrl(doc['next_url'], opts.url) };
}

/** Whether a parsed JSON value is a JSON Feed. */
export function isJsonFeed(doc: unknown): doc is Record<string, unknown> {
  return isRecord(doc) && Array.isArray(doc['items']) && /jsonfeed\.org\/version\//i.test(str(doc['version']) ?? '');
}

function mapItem(entry: unknown, company: string | null): RawItem {
  if (!isRecord(entry)) throw new ItemError('not an object');
  const title = str(entry['title']);
  const extension = entry['_jobposting'];
  const url = entry['url'] ?? entry['external_url'] ?? (isRecord(extension) ? extension['url'] : undefined);
  return {
    url,
    externalId: str(entry['id']),
    title,
    jobPosting: jobPostingOf(entry, title, company),
    updatedAt: isoDate(entry['date_modified']) ?? isoDate(entry['date_published']),
  };
}

function jobPostingOf(entry: Record<string, unknown>, title: string | null, company: string | null): Record<string, unknown> | null {
  const extension = boundedClone(entry['_jobposting']);
  if (!isRecord(extension)) return null;
  const posting: Record<string, unknown> = { '@context': 'https://schema.org', '@type': 'JobPosting', ...extension };
  if (str(posting['title']) === null && title !== null) posting['title'] = title;
  if (str(posting['description']) === null) posting['description'] = itemHtml(entry);
  if (posting['hiringOrganization'] === undefined && company !== null) posting['hiringOrganization'] = organization(company);
  if (posting['datePosted'] === undefined) posting['datePosted'] = isoDate(entry['date_published']);
  if (posting['url'] === undefined) posting['url'] = str(entry['url']);
  return carriedPosting(posting);
}

function itemHtml(entry: Record<string, unknown>): string | null {
  const html = str(entry['content_html']);
  if (html !== null) return html;
  const text = str(entry['content_text']);
  return text === null ? null : textToHtml(text);
}
