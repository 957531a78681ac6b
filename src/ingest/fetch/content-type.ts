// Which media types a caller accepts; checked on the headers, before the body is downloaded.

export type AcceptKind = 'html' | 'feed' | 'any';

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
const FEED_TYPES = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/feed+json',
  'application/xml',
  'text/xml',
  'application/json',
  'text/json',
  'application/rdf+xml',
  // Text sitemaps (one URL a line) and feeds on static hosts are often served as text/plain.
  'text/plain',
  // sitemap.xml.gz files; the fetcher unpacks them (see unpackGzipFile).
  'application/gzip',
  'application/x-gzip',
]);

/** Media types of a gzip file (not a gzip Content-Encoding): sitemap.xml.gz and friends. */
export const GZIP_FILE_TYPES: ReadonlySet<string> = new Set(['application/gzip', 'application/x-gzip']);

/** The Accept header sent for each kind, most wanted first. */
export const ACCEPT_HEADERS: Record<AcceptKind, string> = {
  html: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
  feed: 'application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,application/json;q=0.9,text/xml;q=0.8,*/*;q=0.1',
  any: '*/*',
};

/** The bare media type of a Content-Type header ("text/html; charset=utf-8" -> "text/html"), or null. */
export function mediaType(contentType: string | null): string | null {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type ? type : null;
}

/**
 * Whether a response's media type suits what the caller asked for. A missing Content-Type is
 * accepted (servers omit it more often than they lie); the parser will judge the content.
 */
export function isAcceptableType(contentType: string | null, accept: AcceptKind): boolean {
  const type = mediaType(contentType);
  if (type === null || accept === 'any') return true;
  if (accept === 'html') return HTML_TYPES.has(type);
  return FEED_TYPES.has(type) || type.endsWith('+xml') || type.endsWith('+json');
}
