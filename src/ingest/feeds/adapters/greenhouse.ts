// Greenhouse job board API: GET boards-api.greenhouse.io/v1/boards/{board}/jobs?content=true
// answers {jobs: [...], meta: {total}}; /jobs/{id} answers one job object. Without
// content=true jobs have no description, and the posting page is fetched instead.
import { collectItems, ItemError, type RawItem } from '../items.ts';
import {
  baseSalary,
  carriedPosting,
  employmentType,
  identifier,
  jobPosting,
  organization,
  placeFromText,
  places,
  unescapeHtmlOnce,
} from '../job-posting.ts';
import { DECLARED_WORKPLACE, workplaceLabel } from '../../parse/job-posting.ts';
import { FeedError, type FeedPage, type ParseFeedOptions } from '../types.ts';
import { asArray, isoDate, isRecord, num, rec, str } from '../values.ts';
import { parseJsonDocument } from '../document.ts';

/** Parses a Greenhouse jobs list (or single job) response. */
export function parseGreenhouse(body: string, _opts: ParseFeedOptions): FeedPage {
  const doc = parseJsonDocument(body);
  let entries: unknown[];
  if (isRecord(doc) && Array.isArray(doc['jobs'])) entries = doc['jobs'];
  else if (isRecord(doc) && 'absolute_url' in doc) entries = [doc];
  else throw new FeedError('not a Greenhouse jobs response (no "jobs" array)');
  return { ...collectItems(entries, mapJob, null), nextPageUrl: null };
}

function mapJob(entry: unknown): RawItem {
  if (!isRecord(entry)) throw new ItemError('not an object');
  const title = str(entry['title']);
  const content = str(entry['content']);
  const metadata = asArray(entry['metadata']).filter(isRecord);
  const posting = jobPosting({
    title,
    description: content === null ? null : contentHtml(content),
    hiringOrganization: organization(entry['company_name']),
    jobLocation: places(locationNames(entry).map(placeFromText)),
    jobLocationType: isRemote(metadata) ? 'TELECOMMUTE' : null,
    [DECLARED_WORKPLACE]: workplaceLabel(metadataValue(metadata, WORKPLACE_FIELD)),
    employmentType: employmentType(metadataValue(metadata, /employment\s*type|commitment/i)),
    baseSalary: payRange(entry['pay_input_ranges']),
    datePosted: isoDate(entry['first_published']) ?? isoDate(entry['updated_at']),
    validThrough: isoDate(entry['application_deadline']),
    identifier: identifier('Greenhouse', entry['id']),
    url: str(entry['absolute_url']),
  });
  return {
    url: entry['absolute_url'],
    externalId: str(entry['id']),
    title,
    jobPosting: carriedPosting(posting),
    updatedAt: isoDate(entry['updated_at']) ?? isoDate(entry['first_published']),
  };
}

/**
 * content is the HTML escaped once more ("&lt;p&gt;"); undoing that is part of reading it, not
 * normalising. Content that already starts with a tag (Greenhouse-compatible boards, proxies that
 * unescape) is HTML as it is: unescaping it again would turn its escaped text into markup.
 */
function contentHtml(content: string): string {
  return content.startsWith('<') ? content : unescapeHtmlOnce(content);
}

/** Boards join several locations in one name ("San Francisco, CA | New York, NY"). */
function locationNames(entry: Record<string, unknown>): string[] {
  const name = str(rec(entry, 'location')['name']);
  if (name === null) return [];
  return name
    .split(/[|;]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/**
 * The first pay range a single-job response carries with ?pay_transparency=true, in cents; the
 * period is not given (the blurb says it in words), so unitText is left out.
 */
function payRange(ranges: unknown): Record<string, unknown> | null {
  const first = asArray(ranges).find(isRecord);
  if (first === undefined) return null;
  const cents = (value: unknown): number | null => {
    const n = num(value);
    return n === null ? null : n / 100;
  };
  return baseSalary(first['currency_type'], cents(first['min_cents']), cents(first['max_cents']), null);
}

function metadataValue(metadata: Record<string, unknown>[], name: RegExp): string | null {
  const field = metadata.find((m) => name.test(str(m['name']) ?? ''));
  if (field === undefined) return null;
  const value = field['value'];
  return Array.isArray(value) ? str(value[0]) : str(value);
}

/** Boards often carry a custom "Location Type"/"Workplace" field: the posting's own word. */
const WORKPLACE_FIELD = /location\s*type|workplace|remote/i;

/** "Remote" in that field. */
function isRemote(metadata: Record<string, unknown>[]): boolean {
  const value = metadataValue(metadata, WORKPLACE_FIELD);
  return value !== null && /^remote/i.test(value);
}
