// RSS 2.0 (and RSS 1.0/RDF): items are links to posting pages, which are fetched. Items in
// NEOGOV's job-listing namespace (GovernmentJobs) carry the posting (see neogov.ts). An
// <atom:link rel="next"> on the channel (RFC 5005 paging) gives the next page.
import { parseXmlDocument } from '../document.ts';
import { collectItems, ItemError, type RawItem } from '../items.ts';
import { FeedError, type FeedPage, type ParseFeedOptions } from '../types.ts';
import { absoluteUrl, asArray, attr, isoDate, isRecord, rec, str } from '../values.ts';
import { neogovPosting, neogovPrefix } from './neogov.ts';

/** Parses an RSS 2.0 or RSS 1.0 (RDF) document. */
export function parseRss(body: string, opts: ParseFeedOptions): FeedPage {
  const doc = parseXmlDocument(body);
  const rss = rec(doc, 'rss');
  const rdf = rec(doc, 'rdf:RDF');
  if (!('rss' in doc) && !('rdf:RDF' in doc)) throw new FeedError('not an RSS feed (no <rss> or <rdf:RDF> root)');
  const root = 'rss' in doc ? rss : rdf;
  const channel = rec(root, 'channel');
  const entries = 'rss' in doc ? asArray(channel['item']) : asArray(rdf['item']);
  const prefix = neogovPrefix(root);
  const agency = str(channel['title']);
  const collected = collectItems(entries, (entry) => mapItem(entry, prefix, agency), opts.url);
  return { ...collected, nextPageUrl: nextLink(channel, opts.url) };
}

function mapItem(entry: unknown, neogov: string | null, agency: string | null): RawItem {
  if (!isRecord(entry)) throw new ItemError('not an <item> element');
  const title = str(entry['title']);
  const guid = str(entry['guid']);
  // A guid is the permalink unless isPermaLink="false"; many feeds omit that on plain ids, so
  // only an absolute http(s) guid is taken for a link (a relative one would resolve to nonsense).
  const guidIsLink = attr(entry['guid'], 'isPermaLink') !== 'false' && guid !== null && /^https?:\/\//i.test(guid);
  return {
    // Some feeds repeat <link> (one per language or format): the first is the item's page.
    url: str(asArray(entry['link'])[0]) ?? (guidIsLink ? guid : null) ?? attr(entry, 'rdf:about'),
    externalId: (neogov === null ? null : str(entry[`${neogov}:jobId`])) ?? guid,
    title,
    jobPosting: neogov === null ? null : neogovPosting(entry, neogov, title, agency),
    updatedAt: isoDate(entry['atom:updated']) ?? isoDate(entry['dc:date']) ?? isoDate(entry['pubDate']),
  };
}

/** The href of a channel's <atom:link rel="next">. */
function nextLink(channel: Record<string, unknown>, base: string): string | null {
  const next = asArray(channel['atom:link']).find((link) => attr(link, 'rel') === 'next');
  return next === undefined ? null : absoluteUrl(attr(next, 'href'), base);
}
