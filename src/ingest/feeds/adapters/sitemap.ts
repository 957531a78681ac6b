// XML sitemaps (sitemaps.org). A <urlset> lists pages: each becomes a link-only item, all of
// them unless opts.urlFilter narrows them (e.g. POSTING_URL_PATTERN). A <sitemapindex> lists
// child sitemaps: they come back as childFeedUrls (no items), each to be fetched and parsed as
// kind 'sitemap'; a sitemap index is not paged, so nextPageUrl stays null.
import { parseXmlDocument } from '../document.ts';
import { collectItems, ItemError, type RawItem } from '../items.ts';
import { FeedError, type FeedPage, type ParseFeedOptions } from '../types.ts';
import { absoluteUrl, asArray, isoDate, isRecord, rec, str } from '../values.ts';

/** Paths that look like a single posting on common career sites; a filter the user may opt into. */
export const POSTING_URL_PATTERN =
  /\/(jobs?|careers?|positions?|vacanc(y|ies)|openings?|stellen(angebote)?|offres?|empleos?|o|j)\/[^/?#\s]{3,}/i;

/** Parses a sitemap or sitemap index. */
export function parseSitemap(body: string, opts: ParseFeedOptions): FeedPage {
  const doc = parseXmlDocument(body);
  if ('sitemapindex' in doc) {
    const children = asArray(rec(doc, 'sitemapindex')['sitemap'])
      .map((entry) => (isRecord(entry) ? absoluteUrl(entry['loc'], opts.url) : null))
      .filter((url): url is string => url !== null);
    return { items: [], nextPageUrl: null, errors: [], childFeedUrls: [...new Set(children)] };
  }
  if (!('urlset' in doc)) throw new FeedError('not a sitemap (no <urlset> or <sitemapindex> root)');
  let entries = asArray(rec(doc, 'urlset')['url']);
  const filter = opts.urlFilter;
  if (filter !== undefined) entries = entries.filter((entry) => isRecord(entry) && matches(filter, str(entry['loc'])));
  return { ...collectItems(entries, mapUrl, opts.url), nextPageUrl: null };
}

function matches(filter: RegExp, url: string | null): boolean {
  filter.lastIndex = 0; // a /g or /y pattern keeps state between test() calls
  return url !== null && filter.test(url);
}

function mapUrl(entry: unknown): RawItem {
  if (!isRecord(entry)) throw new ItemError('not a <url> element');
  return { url: entry['loc'], externalId: null, title: null, jobPosting: null, updatedAt: isoDate(entry['lastmod']) };
}
