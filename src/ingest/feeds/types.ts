// The public shapes of the feed adapters (re-exported by index.ts).

/** The kinds of feed parseFeed reads: syndication formats, sitemaps and hiring-system APIs. */
export type FeedKind =
  | 'rss'
  | 'atom'
  | 'json-feed'
  | 'sitemap'
  | 'greenhouse'
  | 'lever'
  | 'ashby'
  | 'workable'
  | 'smartrecruiters'
  | 'recruitee'
  | 'personio'
  | 'teamtailor';

/** One posting a feed lists. */
export interface FeedItem {
  /** the posting's own page, absolute */
  url: string;
  /** the id the source gives the posting, when it has one */
  externalId: string | null;
  title: string | null;
  /**
   * A schema.org JobPosting object (JSON-LD shape) when the feed carries the posting, for
   * fromJobPosting(); null when the feed only links to it (then the page is fetched). Adapters
   * only hand one over when it has a description: without one the page is richer.
   */
  jobPosting: Record<string, unknown> | null;
  /** the last change the source reports, else its publication date (ISO 8601 when the source gives a date) */
  updatedAt: string | null;
}

/** One fetched feed document, parsed. */
export interface FeedPage {
  items: FeedItem[];
  /** the next page of the same feed, when the source paginates and this page is not the last */
  nextPageUrl: string | null;
  /** items skipped, with why */
  errors: string[];
  /**
   * Only for a sitemap index: the child sitemaps it lists, each to be fetched and parsed as
   * kind 'sitemap' (whose items are then the postings). Absent for every other document.
   */
  childFeedUrls?: string[];
}

/** Options for parseFeed. */
export interface ParseFeedOptions {
  /** the URL the document was fetched from: base for relative links, and for paging */
  url: string;
  /** sitemaps only: keep only URLs matching this (e.g. POSTING_URL_PATTERN); all are kept by default */
  urlFilter?: RegExp;
}

/** A document that is not a feed of the kind asked for (or not parseable at all). */
export class FeedError extends Error {
  override name = 'FeedError';
}
