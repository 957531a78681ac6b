// Ashby posting API: GET api.ashbyhq.com/posting-api/job-board/{org}?includeCompensation=true
// answers {apiVersion, jobs: [...]}, each job with its HTML description.
import { parseJsonDocument } from '../document.ts';
import { collectItems, ItemError, type RawItem } from '../items.ts';
import {
  baseSalary,
  carriedPosting,
  employmentType,
  identifier,
  jobPosting,
  place,
  placeFromText,
  places,
  salaryUnit,
  textToHtml,
} from '../job-posting.ts';
import { DECLARED_WORKPLACE, workplaceLabel } from '../../parse/job-posting.ts';
import { FeedError, type FeedPage, type ParseFeedOptions } from '../types.ts';
import { asArray, isoDate, isRecord, num, rec, str } from '../values.ts';

/** Parses an Ashby job board response. */
export function parseAshby(body: string, _opts: ParseFeedOptions): FeedPage {
  const doc = parseJsonDocument(body);
  if (!isRecord(doc) || !Array.isArray(doc['jobs'])) throw new FeedError('not an Ashby job board response (no "jobs" array)');
  return { ...collectItems(doc['jobs'], mapJob, null), nextPageUrl: null };
}

function mapJob(entry: unknown): RawItem {
  if (!isRecord(entry)) throw new ItemError('not an object');
  const title = str(entry['title']);
  const plain = str(entry['descriptionPlain']);
  const posting = jobPosting({
    title,
    description: str(entry['descriptionHtml']) ?? (plain === null ? null : textToHtml(plain)),
    employmentType: employmentType(entry['employmentType']),
    jobLocation: places([location(entry), ...asArray(entry['secondaryLocations']).map(location)]),
    jobLocationType: isRemote(entry) ? 'TELECOMMUTE' : null,
    [DECLARED_WORKPLACE]: workplaceLabel(entry['workplaceType']),
    baseSalary: salary(entry),
    datePosted: isoDate(entry['publishedAt']),
    identifier: identifier('Ashby', entry['id']),
    url: str(entry['jobUrl']),
  });
  return {
    url: entry['jobUrl'],
    externalId: str(entry['id']),
    title,
    jobPosting: carriedPosting(posting),
    updatedAt: isoDate(entry['updatedAt']) ?? isoDate(entry['publishedAt']),
  };
}

/** A job's (or secondary location's) postal address, else its location name. */
function location(entry: unknown): Record<string, unknown> | null {
  if (!isRecord(entry)) return null;
  const address = rec(rec(entry, 'address'), 'postalAddress');
  return (
    place({
      locality: str(address['addressLocality']),
      region: str(address['addressRegion']),
      country: str(address['addressCountry']),
    }) ?? placeFromText(entry['location'])
  );
}

/** workplaceType is the posting's own word; isRemote is also true for hybrid jobs, so only a fallback. */
function isRemote(entry: Record<string, unknown>): boolean {
  const workplace = str(entry['workplaceType']);
  if (workplace !== null) return workplace.toLowerCase() === 'remote';
  return entry['isRemote'] === true;
}

/** The salary component of the compensation summary (equity and bonus components are not pay). */
function salary(entry: Record<string, unknown>): Record<string, unknown> | null {
  if (entry['shouldDisplayCompensationOnJobPostings'] === false) return null;
  const components = asArray(rec(entry, 'compensation')['summaryComponents']).filter(isRecord);
  const pay = components.find((c) => str(c['compensationType'])?.toLowerCase() === 'salary');
  if (pay === undefined) return null;
  return baseSalary(pay['currencyCode'], num(pay['minValue']), num(pay['maxValue']), salaryUnit(pay['interval']));
}
