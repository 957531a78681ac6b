// Turning a document's raw entries into FeedItems: one bad entry is recorded, never fatal.
import type { FeedItem } from './types.ts';
import { absoluteUrl } from './values.ts';

// The sitemap protocol's limit, and the API's for submitted URLs: a much longer URL cannot be
// indexed by Postgres, and one such item would fail the whole batch it is written in.
const MAX_URL_CHARS = 2048;

/** Thrown by an adapter's item mapper for an entry it must skip; the message says why. */
export class ItemError extends Error {}

/** An item as a mapper returns it: the URL may still be relative or missing. */
export interface RawItem extends Omit<FeedItem, 'url'> {
  url: unknown;
}

/** The items and skip reasons of one document. */
export interface CollectedItems {
  items: FeedItem[];
  errors: string[];
}

/**
 * Maps each entry. An entry whose mapper throws, that has no http(s) URL (or one longer than
 * MAX_URL_CHARS), or that repeats an earlier one (same id, or same URL when there is no id) is
 * skipped and the reason recorded as "item N: why" (N counts from 1 in document order). baseUrl resolves relative links (feeds
 * written for people: RSS, Atom, JSON Feed, sitemaps); APIs pass null, their URLs are absolute.
 */
export function collectItems(
  entries: unknown[],
  map: (entry: unknown) => RawItem,
  baseUrl: string | null,
): CollectedItems {
  const items: FeedItem[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const where = `item ${index + 1}`;
    let raw: RawItem;
    try {
      raw = map(entry);
    } catch (err) {
      errors.push(`${where}: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    const url = typeof raw.url === 'string' ? absoluteUrl(raw.url, baseUrl ?? undefined) : null;
    if (url === null) {
      errors.push(`${where}: no http(s) URL${typeof raw.url === 'string' ? ` (${raw.url.slice(0, 100)})` : ''}`);
      return;
    }
    if (url.length > MAX_URL_CHARS) {
      errors.push(`${where}: URL longer than ${MAX_URL_CHARS} characters (${url.slice(0, 100)}...)`);
      return;
    }
    const key = raw.externalId !== null ? `id:${raw.externalId}` : `url:${url}`;
    if (seen.has(key)) {
      errors.push(`${where}: duplicate of an earlier item (${key.slice(0, 120)})`);
      return;
    }
    seen.add(key);
    items.push({ ...raw, url });
  });
  return { items, errors };
}
