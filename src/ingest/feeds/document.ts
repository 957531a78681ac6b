// Turning a fetched body into a JSON value or an XML tree, safely: a size cap, no partial
// results from truncated input (a half feed would make the caller close postings that are still
// open), and an XML parser with entity expansion bounded and nesting capped.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FeedError } from './types.ts';

/** Bodies longer than this (in UTF-16 units) are refused; the fetcher caps bytes well below. */
export const MAX_FEED_CHARS = 64 * 1024 * 1024;

const MAX_XML_DEPTH = 64;

// Entities declared in a DOCTYPE are expanded by fast-xml-parser (never fetched: it does no
// I/O); these limits stop billion-laughs style bombs. They apply to declared entities only
// ('external' tier): a long feed legitimately holds thousands of &amp; and &#8217;. (appliesTo
// is read by the parser's OptionsBuilder but missing from its 5.12 typings, hence the variable.)
const ENTITY_LIMITS = {
  enabled: true,
  maxEntitySize: 1_000,
  maxExpansionDepth: 2,
  maxTotalExpansions: 1_000,
  maxExpandedLength: 100_000,
  maxEntityCount: 16,
  appliesTo: 'external',
};

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Values stay strings: ids like "007" or "1e5" must not turn into numbers.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: ENTITY_LIMITS,
  // HTML's named entities (&nbsp;, &eacute;) and numeric references are decoded too: feeds
  // written by CMSes use them in titles without declaring them.
  htmlEntities: true,
  maxNestedTags: MAX_XML_DEPTH,
});

/** Strips a byte-order mark and leading whitespace. */
export function trimBody(body: string): string {
  return body.replace(/^\uFEFF/, '').trimStart();
}

function checkSize(body: string): void {
  if (body.length > MAX_FEED_CHARS) throw new FeedError(`feed too large (${body.length} chars)`);
}

/** Parses a JSON feed body; FeedError when it is empty, too large or not valid JSON. */
export function parseJsonDocument(body: string): unknown {
  checkSize(body);
  const text = trimBody(body);
  if (text === '') throw new FeedError('empty body');
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new FeedError(`not valid JSON: ${(err as Error).message}`);
  }
}

/** Parses an XML feed body into fast-xml-parser's object tree; FeedError when it is not well-formed. */
export function parseXmlDocument(body: string): Record<string, unknown> {
  checkSize(body);
  const text = trimBody(body);
  if (text === '') throw new FeedError('empty body');
  if (!text.startsWith('<')) throw new FeedError('not XML');
  // The parser is lenient (a truncated document parses into a partial tree); validate first.
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new FeedError(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  try {
    return xmlParser.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new FeedError(`XML refused: ${(err as Error).message}`);
  }
}
