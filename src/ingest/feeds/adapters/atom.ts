// Atom (RFC 4287): entries are links to posting pages, which are fetched. A feed-level
// <link rel="next"> (RFC 5005 paging) gives the next page.
import { parseXmlDocument } from '../document.ts';
import { collectItems, ItemError, type RawItem } from '../items.ts';
import { FeedError, type FeedPage, type ParseFeedOptions } from '../types.ts';
import { unescapeHtmlOnce } from '../job-posting.ts';
import { absoluteUrl, asArray, attr, isoDate, isRecord, rec, str } from '../values.ts';

/** Parses an Atom feed document. */
export function parseAtom(body: string, opts: ParseFeedOptions): FeedPage {
  const doc = parseXmlDocument(body);
  if (!('feed' in doc)) throw new FeedError('not an Atom feed (no <feed> root)');
  const feed = rec(doc, 'feed');
  // xml:base on the feed is the base for relative links, itself relative to where it came from.
  const base = absoluteUrl(attr(feed, 'xml:base'), opts.url) ?? opts.url;
  const collected = collectItems(asArray(feed['entry']), mapEntry, base);
  return { ...collected, nextPageUrl: absoluteUrl(linkHref(feed['link'], 'next'), base) };
}

function mapEntry(entry: unknown): RawItem {
  if (!isRecord(entry)) throw new ItemError('not an <entry> element');
  const id = str(entry['id']);
  return {
    url: linkHref(entry['link'], 'alternate') ?? (id !== null && /^https?:/i.test(id) ? id : null),
    externalId: id,
    title: textConstruct(entry['title']),
    jobPosting: null,
    updatedAt: isoDate(entry['updated']) ?? isoDate(entry['published']),
  };
}

/** The href of the first <link> with that rel ('alternate' is also a link without rel). */
function linkHref(links: unknown, rel: string): string | null {
  const match = asArray(links).find((link) => (attr(link, 'rel') ?? 'alternate') === rel);
  return match === undefined ? null : attr(match, 'href');
}

/** An Atom text construct as text: type="html" content is markup, so its tags and escapes are undone. */
function textConstruct(node: unknown): string | null {
  const text = str(node);
  if (text === null || attr(node, 'type') !== 'html') return text;
  return str(unescapeHtmlOnce(text.replace(/<[^<>]*>/g, '')));
}
