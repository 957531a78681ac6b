// Workable widget API: GET apply.workable.com/api/v1/widget/accounts/{account}?details=true
// (or www.workable.com/api/accounts/{account}?details=true) answers {name, jobs: [...]}. The
// widget repeats a job once per location; those rows are merged into one item. Without
// details=true jobs have no description, and the posting page is fetched instead.
import { parseJsonDocument } from '../document.ts';
import { collectItems, ItemError, type RawItem } from '../items.ts';
import {
  carriedPosting,
  employmentType,
  identifier,
  jobPosting,
  joinHtml,
  organization,
  place,
  places,
} from '../job-posting.ts';
import { FeedError, type FeedPage, type ParseFeedOptions } from '../types.ts';
import { asArray, isoDate, isRecord, str } from '../values.ts';

/** Parses a Workable widget/accounts response. */
export function parseWorkable(body: string, _opts: ParseFeedOptions): FeedPage {
  const doc = parseJsonDocument(body);
  if (!isRecord(doc) || !Array.isArray(doc['jobs'])) throw new FeedError('not a Workable account response (no "jobs" array)');
  const company = str(doc['name']);
  const entries = mergeRepeats(doc['jobs']);
  return { ...collectItems(entries, (entry) => mapJob(entry, company), null), nextPageUrl: null };
}

/** Rows with the same shortcode become one, their locations concatenated. */
function mergeRepeats(jobs: unknown[]): unknown[] {
  const byCode = new Map<string, Record<string, unknown>>();
  const out: unknown[] = [];
  for (const job of jobs) {
    const code = isRecord(job) ? str(job['shortcode']) : null;
    if (!isRecord(job) || code === null) {
      out.push(job);
      continue;
    }
    const first = byCode.get(code);
    if (first === undefined) {
      const copy = { ...job, locations: rowLocations(job) };
      byCode.set(code, copy);
      out.push(copy);
    } else {
      first['locations'] = [...asArray(first['locations']), ...rowLocations(job)];
    }
  }
  return out;
}

/** A row's locations; old rows only have flat city/state/country fields. */
function rowLocations(job: Record<string, unknown>): unknown[] {
  const list = asArray(job['locations']).filter((l) => !(isRecord(l) && l['hidden'] === true));
  if (list.length > 0) return list;
  return [{ city: job['city'], region: job['state'], country: job['country'] }];
}

function mapJob(entry: unknown, company: string | null): RawItem {
  if (!isRecord(entry)) throw new ItemError('not an object');
  const title = str(entry['title']);
  const url = str(entry['url']) ?? str(entry['shortlink']);
  const posting = jobPosting({
    title,
    description: joinHtml([str(entry['description']), str(entry['requirements']), str(entry['benefits'])]),
    hiringOrganization: organization(company),
    employmentType: employmentType(entry['employment_type']),
    jobLocation: places(asArray(entry['locations']).map(location)),
    jobLocationType: entry['telecommuting'] === true ? 'TELECOMMUTE' : null,
    datePosted: isoDate(entry['published_on']) ?? isoDate(entry['created_at']),
    identifier: identifier('Workable', entry['shortcode']),
    url,
  });
  return {
    url,
    externalId: str(entry['shortcode']),
    title,
    jobPosting: carriedPosting(posting),
    updatedAt: isoDate(entry['published_on']) ?? isoDate(entry['created_at']),
  };
}

function location(entry: unknown): Record<string, unknown> | null {
  if (!isRecord(entry)) return null;
  return place({
    locality: str(entry['city']),
    region: str(entry['region']),
    country: str(entry['countryCode']) ?? str(entry['country']),
  });
}
