// Which kind of feed a fetched document is, from its content (a registered URL often redirects,
// and custom domains hide the hiring system); the URL only breaks ties between empty API
// responses. The content type is not consulted: servers label feeds text/xml, text/html,
// application/octet-stream, and the body is the only reliable witness.
import { isJsonFeed } from './adapters/json-feed.ts';
import { MAX_FEED_CHARS, parseJsonDocument, trimBody } from './document.ts';
import { resolveFeedUrl } from './resolve-feed-url.ts';
import type { FeedKind } from './types.ts';
import { isRecord, str } from './values.ts';

/** The fetched document, as the fetcher has it. */
export interface DetectInput {
  url: string;
  contentType: string | null;
  body: string;
}

/** Detects the kind of a fetched feed from its content; the URL breaks ties between empty API answers. */
export function detectFeedKind(input: DetectInput): FeedKind | null {
  const body = trimBody(input.body);
  if (body === '' || body.length > MAX_FEED_CHARS) return null;
  const hinted = resolveFeedUrl(input.url)?.kind ?? null;
  if (body.startsWith('<')) return xmlKind(body);
  if (body.startsWith('{') || body.startsWith('[')) return jsonKind(body, input.url, hinted);
  return null;
}

/**
 * The root element's name, past the XML declaration, comments, processing instructions and
 * DOCTYPE. A forward scan (each step jumps past what it skips), so hostile input stays linear.
 */
function rootElement(body: string): string | null {
  let at = 0;
  for (;;) {
    while (at < body.length && /\s/.test(body[at]!)) at++;
    if (body[at] !== '<') return null;
    if (body.startsWith('<?', at)) at = after(body, '?>', at + 2);
    else if (body.startsWith('<!--', at)) at = after(body, '-->', at + 4);
    else if (/^<!doctype/i.test(body.slice(at, at + 9))) at = afterDoctype(body, at + 9);
    else return /^<([A-Za-z_][\w.:-]{0,100})/.exec(body.slice(at, at + 110))?.[1] ?? null;
    if (at < 0) return null;
  }
}

/** The index just past the next `end` from `from`, or -1. */
function after(body: string, end: string, from: number): number {
  const found = body.indexOf(end, from);
  return found < 0 ? -1 : found + end.length;
}

/** The index just past a DOCTYPE's closing '>', skipping an internal subset in [...]. */
function afterDoctype(body: string, from: number): number {
  const close = body.indexOf('>', from);
  const subset = body.indexOf('[', from);
  if (subset < 0 || (close >= 0 && close < subset)) return close < 0 ? -1 : close + 1;
  const subsetEnd = body.indexOf(']', subset);
  return subsetEnd < 0 ? -1 : after(body, '>', subsetEnd);
}

function xmlKind(body: string): FeedKind | null {
  switch (rootElement(body)?.replace(/^[\w.-]+:(?=\w)/, '').toLowerCase()) {
    case 'rss':
    case 'rdf':
      return 'rss';
    case 'feed':
      return 'atom';
    case 'urlset':
    case 'sitemapindex':
      return 'sitemap';
    case 'workzag-jobs':
      return 'personio';
    default:
      // An HTML page (or anything else) is not a feed, whatever the content type claims.
      return null;
  }
}

function jsonKind(body: string, url: string, hinted: FeedKind | null): FeedKind | null {
  let doc: unknown;
  try {
    doc = parseJsonDocument(body);
  } catch {
    return null;
  }
  if (Array.isArray(doc)) return doc.length === 0 ? (hinted === 'lever' ? 'lever' : null) : leverLike(doc[0]);
  if (!isRecord(doc)) return null;
  if (isJsonFeed(doc)) return isTeamtailor(doc, url) ? 'teamtailor' : 'json-feed';
  return objectKind(doc, hinted);
}

function leverLike(first: unknown): FeedKind | null {
  return isRecord(first) && ('hostedUrl' in first || ('text' in first && 'categories' in first)) ? 'lever' : null;
}

function isTeamtailor(doc: Record<string, unknown>, url: string): boolean {
  const urls = [url, str(doc['feed_url']), str(doc['home_page_url'])];
  if (urls.some((u) => u !== null && /\.teamtailor\.com(\/|$)/i.test(u))) return true;
  const first = Array.isArray(doc['items']) ? doc['items'][0] : undefined;
  const jobPosting = isRecord(first) && isRecord(first['_jobposting']) ? first['_jobposting'] : null;
  const identifier = jobPosting !== null && isRecord(jobPosting['identifier']) ? jobPosting['identifier'] : null;
  return identifier !== null && /teamtailor/i.test(str(identifier['name']) ?? '');
}

/** Object-shaped API responses, told apart by their characteristic fields. */
function objectKind(doc: Record<string, unknown>, hinted: FeedKind | null): FeedKind | null {
  const jobs = Array.isArray(doc['jobs']) ? doc['jobs'] : null;
  const first = jobs?.[0];
  if (jobs !== null) {
    if (isRecord(first)) {
      if ('absolute_url' in first) return 'greenhouse';
      if ('jobUrl' in first || 'descriptionHtml' in first) return 'ashby';
      if ('shortcode' in first) return 'workable';
    }
    if ('apiVersion' in doc) return 'ashby';
    if (isRecord(doc['meta'])) return 'greenhouse';
    if ('name' in doc) return 'workable';
    return hinted;
  }
  if (Array.isArray(doc['offers'])) return 'recruitee';
  if (Array.isArray(doc['content']) && ('totalFound' in doc || 'offset' in doc)) return 'smartrecruiters';
  if (isRecord(doc['jobAd']) && 'name' in doc) return 'smartrecruiters';
  if ('absolute_url' in doc && 'internal_job_id' in doc) return 'greenhouse';
  if ('hostedUrl' in doc || (Array.isArray(doc['data']) && leverLike(doc['data'][0]) !== null)) return 'lever';
  return null;
}
