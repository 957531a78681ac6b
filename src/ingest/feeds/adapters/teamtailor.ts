// Teamtailor career sites publish a JSON Feed at {site}/jobs.json whose items carry a
// schema.org JobPosting ("_jobposting"); the feed's title is the company's name.
import type { FeedPage, ParseFeedOptions } from '../types.ts';
import { parseJsonFeed } from './json-feed.ts';

/** Parses a Teamtailor jobs.json feed. */
export function parseTeamtailor(body: string, opts: ParseFeedOptions): FeedPage {
  return parseJsonFeed(body, opts, { feedTitleIsCompany: true });
}
