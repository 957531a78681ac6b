// Recruitee offers API: GET {company}.recruitee.com/api/offers/ answers {offers: [...]}, each
// offer with HTML description and requirements, structured locations and an optional salary.
import { parseJsonDocument } from '../document.ts';
import { collectItems, ItemError, type RawItem } from '../items.ts';
import {
  baseSalary,
  carriedPosting,
  employmentType,
  identifier,
  jobPosting,
  joinHtml,
  organization,
  place,
  placeFromText,
  places,
  salaryUnit,
} from '../job-posting.ts';
import { FeedError, type FeedPage, type ParseFeedOptions } from '../types.ts';
import { asArray, isoDate, isRecord, num, rec, str } from '../values.ts';

/** Parses a Recruitee offers response. */
export function parseRecruitee(body: string, _opts: ParseFeedOptions): FeedPage {
  const doc = parseJsonDocument(body);
  let entries: unknown[];
  if (isRecord(doc) && Array.isArray(doc['offers'])) entries = doc['offers'];
  else if (isRecord(doc) && isRecord(doc['offer'])) entries = [doc['offer']];
  else throw new FeedError('not a Recruitee offers response (no "offers" array)');
  return { ...collectItems(entries, mapOffer, null), nextPageUrl: null };
}

function mapOffer(entry: unknown): RawItem {
  if (!isRecord(entry)) throw new ItemError('not an object');
  const title = str(entry['title']);
  const salary = rec(entry, 'salary');
  const posting = jobPosting({
    title,
    description: joinHtml([str(entry['description']), str(entry['requirements'])]),
    hiringOrganization: organization(entry['company_name']),
    employmentType: employmentType(entry['employment_type_code']),
    jobLocation: locations(entry),
    jobLocationType: entry['remote'] === true ? 'TELECOMMUTE' : null,
    baseSalary: baseSalary(salary['currency'], num(salary['min']), num(salary['max']), salaryUnit(salary['period'])),
    datePosted: isoDate(entry['published_at']) ?? isoDate(entry['created_at']),
    validThrough: isoDate(entry['close_at']),
    identifier: identifier('Recruitee', entry['id']),
    url: str(entry['careers_url']),
  });
  return {
    url: entry['careers_url'] ?? entry['url'],
    externalId: str(entry['id']) ?? str(entry['guid']),
    title,
    jobPosting: carriedPosting(posting),
    updatedAt: isoDate(entry['updated_at']) ?? isoDate(entry['published_at']),
  };
}

/** The structured locations; older offers only have flat city/state/country fields or a text. */
function locations(entry: Record<string, unknown>): Record<string, unknown>[] {
  const list = places(
    asArray(entry['locations']).map((l) =>
      isRecord(l)
        ? place({
            street: str(l['street']),
            locality: str(l['city']),
            region: str(l['state']),
            postalCode: str(l['postal_code']),
            country: str(l['country_code']) ?? str(l['country']),
          })
        : null,
    ),
  );
  if (list.length > 0) return list;
  const flat = place({
    locality: str(entry['city']),
    region: str(entry['state_name']) ?? str(entry['state_code']),
    country: str(entry['country_code']) ?? str(entry['country']),
  });
  return places([flat ?? placeFromText(entry['location'])]);
}
