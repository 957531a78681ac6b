// Feed adapters: every common kind of job feed read into FeedItems. Pure functions: the caller
// fetches (resolveFeedUrl says what to fetch, detectFeedKind what was fetched) and hands the
// body to parseFeed; items with a jobPosting go to the parser's fromJobPosting(), the others
// have their page fetched.
import { parseAshby } from './adapters/ashby.ts';
import { parseAtom } from './adapters/atom.ts';
import { parseGreenhouse } from './adapters/greenhouse.ts';
import { parseJsonFeed } from './adapters/json-feed.ts';
import { parseLever } from './adapters/lever.ts';
import { parsePersonio } from './adapters/personio.ts';
import { parseRecruitee } from './adapters/recruitee.ts';
import { parseRss } from './adapters/rss.ts';
import { parseSitemap } from './adapters/sitemap.ts';
import { parseSmartRecruiters } from './adapters/smartrecruiters.ts';
import { parseTeamtailor } from './adapters/teamtailor.ts';
import { parseWorkable } from './adapters/workable.ts';
import { FeedError, type FeedKind, type FeedPage, type ParseFeedOptions } from './types.ts';

export type { FeedItem, FeedKind, FeedPage, ParseFeedOptions } from './types.ts';
export { FeedError } from './types.ts';
export { resolveFeedUrl, type ResolvedFeed } from './resolve-feed-url.ts';
export { detectFeedKind, type DetectInput } from './detect-feed-kind.ts';
export { POSTING_URL_PATTERN } from './adapters/sitemap.ts';
export { MAX_FEED_CHARS } from './document.ts';

/** Every kind parseFeed reads. */
export const FEED_KINDS: readonly FeedKind[] = [
  'rss', 'atom', 'json-feed', 'sitemap', 'greenhouse', 'lever', 'ashby', 'workable',
  'smartrecruiters', 'recruitee', 'personio', 'teamtailor',
];

const PARSERS: Record<FeedKind, (body: string, opts: ParseFeedOptions) => FeedPage> = {
  rss: parseRss,
  atom: parseAtom,
  'json-feed': (body, opts) => parseJsonFeed(body, opts),
  sitemap: parseSitemap,
  greenhouse: parseGreenhouse,
  lever: parseLever,
  ashby: parseAshby,
  workable: parseWorkable,
  smartrecruiters: parseSmartRecruiters,
  recruitee: parseRecruitee,
  personio: parsePersonio,
  teamtailor: parseTeamtailor,
};

/**
 * Parses one fetched feed document into items. Never throws on a malformed item (it goes to
 * errors); throws FeedError on a document that is not that kind at all, is truncated or too
 * large, or lists entries of which not one is readable.
 */
export function parseFeed(kind: FeedKind, body: string, opts: ParseFeedOptions): FeedPage {
  // kind is typed, but callers pass what they read from the database or an API request.
  if (!Object.hasOwn(PARSERS, kind)) throw new FeedError(`unknown feed kind: ${String(kind)}`);
  const parser = PARSERS[kind];
  let page: FeedPage;
  try {
    page = parser(body, opts);
  } catch (err) {
    if (err instanceof FeedError) throw err;
    // A document shape no adapter anticipated must still fail as a FeedError, never crash a run.
    throw new FeedError(`${kind} feed could not be read: ${err instanceof Error ? err.message : String(err)}`);
  }
  // Entries of which none can be read are another kind's (a Greenhouse "jobs" array read as
  // Ashby's) or a broken feed; either way an empty page would let the caller close every posting.
  if (page.items.length === 0 && page.errors.length > 0) {
    throw new FeedError(`no readable ${kind} item among ${page.errors.length} entries (${page.errors[0]})`);
  }
  return page;
}
