// Personio XML feed: GET {company}.jobs.personio.de/xml answers <workzag-jobs><position>...
// Positions carry no URL: the page is {feed origin}/job/{id} (keeping ?language= if the feed
// URL has it). Descriptions are <jobDescription><name/><value>HTML</value> sections.
import { parseXmlDocument } from '../document.ts';
import { collectItems, ItemError, type RawItem } from '../items.ts';
import {
  carriedPosting,
  employmentType,
  headedHtml,
  identifier,
  jobPosting,
  joinHtml,
  organization,
  placeFromText,
  places,
} from '../job-posting.ts';
import { FeedError, type FeedPage, type ParseFeedOptions } from '../types.ts';
import { asArray, isoDate, isRecord, rec, str } from '../values.ts';

/** Parses a Personio XML feed. */
export function parsePersonio(body: string, opts: ParseFeedOptions): FeedPage {
  const doc = parseXmlDocument(body);
  if (!('workzag-jobs' in doc)) throw new FeedError('not a Personio feed (no <workzag-jobs> root)');
  const entries = asArray(rec(doc, 'workzag-jobs')['position']);
  const pageUrl = jobUrlMaker(opts.url);
  return { ...collectItems(entries, (entry) => mapPosition(entry, pageUrl), opts.url), nextPageUrl: null };
}

/** Builds a position's page URL from the feed's URL. */
function jobUrlMaker(feedUrl: string): (id: string) => string | null {
  let base: URL;
  try {
    base = new URL(feedUrl);
  } catch {
    return () => null;
  }
  const language = base.searchParams.get('language');
  return (id) => {
    const url = new URL(`/job/${encodeURIComponent(id)}`, base.origin);
    if (language !== null) url.searchParams.set('language', language);
    return url.href;
  };
}

function mapPosition(entry: unknown, pageUrl: (id: string) => string | null): RawItem {
  if (!isRecord(entry)) throw new ItemError('not a <position> element');
  const id = str(entry['id']);
  if (id === null) throw new ItemError('position without <id>');
  const title = str(entry['name']);
  const url = pageUrl(id);
  const offices = [entry['office'], ...asArray(rec(entry, 'additionalOffices')['office'])];
  const posting = jobPosting({
    title,
    description: description(entry),
    hiringOrganization: organization(entry['subcompany']),
    employmentType: employment(str(entry['employmentType']), str(entry['schedule'])),
    jobLocation: places(offices.map(placeFromText)),
    datePosted: isoDate(entry['createdAt']),
    identifier: identifier('Personio', id),
    url,
  });
  return { url, externalId: id, title, jobPosting: carriedPosting(posting), updatedAt: isoDate(entry['createdAt']) };
}

function description(entry: Record<string, unknown>): string | null {
  const sections = asArray(rec(entry, 'jobDescriptions')['jobDescription']).filter(isRecord);
  return joinHtml(sections.map((section) => headedHtml(str(section['name']), str(section['value']))));
}

/** The contract kind when it is not a plain permanent one (intern, freelance), else the schedule. */
function employment(kind: string | null, schedule: string | null): string | null {
  const contract = employmentType(kind);
  if (contract !== null && ['INTERN', 'CONTRACTOR', 'TEMPORARY'].includes(contract)) return contract;
  return employmentType(schedule) ?? contract;
}
