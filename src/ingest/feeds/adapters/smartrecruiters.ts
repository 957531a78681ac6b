// SmartRecruiters postings API: GET api.smartrecruiters.com/v1/companies/{company}/postings
// answers {offset, limit, totalFound, content: [...]} without descriptions (the posting page is
// fetched); GET .../postings/{id} answers one posting with its jobAd sections, which is carried.
import { parseJsonDocument } from '../document.ts';
import { collectItems, ItemError, type RawItem } from '../items.ts';
import {
  carriedPosting,
  employmentType,
  headedHtml,
  identifier,
  jobPosting,
  joinHtml,
  organization,
  place,
  places,
} from '../job-posting.ts';
import { FeedError, type FeedPage, type ParseFeedOptions } from '../types.ts';
import { isoDate, isRecord, num, rec, str } from '../values.ts';

const SECTIONS = ['companyDescription', 'jobDescription', 'qualifications', 'additionalInformation'];

/** Parses a SmartRecruiters postings list or single posting response. */
export function parseSmartRecruiters(body: string, opts: ParseFeedOptions): FeedPage {
  const doc = parseJsonDocument(body);
  if (isRecord(doc) && Array.isArray(doc['content'])) {
    return { ...collectItems(doc['content'], mapPosting, null), nextPageUrl: nextPage(doc, opts.url) };
  }
  if (isRecord(doc) && isRecord(doc['jobAd']) && 'name' in doc) {
    return { ...collectItems([doc], mapPosting, null), nextPageUrl: null };
  }
  throw new FeedError('not a SmartRecruiters postings response (no "content" array)');
}

/** The list pages by offset/limit up to totalFound. */
function nextPage(doc: Record<string, unknown>, url: string): string | null {
  const offset = num(doc['offset']) ?? 0;
  const limit = num(doc['limit']);
  const total = num(doc['totalFound']);
  if (limit === null || limit <= 0 || total === null || offset + limit >= total) return null;
  try {
    const next = new URL(url);
    next.searchParams.set('offset', String(offset + limit));
    next.searchParams.set('limit', String(limit));
    return next.href;
  } catch {
    return null;
  }
}

function mapPosting(entry: unknown): RawItem {
  if (!isRecord(entry)) throw new ItemError('not an object');
  const title = str(entry['name']);
  const company = rec(entry, 'company');
  const location = rec(entry, 'location');
  const url = str(entry['postingUrl']) ?? publicUrl(str(company['identifier']), str(entry['id']));
  const posting = jobPosting({
    title,
    description: description(rec(rec(entry, 'jobAd'), 'sections')),
    hiringOrganization: organization(company['name']),
    // ids like "permanent" say less than labels like "Full-time"
    employmentType: employmentType(rec(entry, 'typeOfEmployment')['id'], rec(entry, 'typeOfEmployment')['label']),
    jobLocation: places([
      place({
        street: str(location['address']),
        locality: str(location['city']),
        region: str(location['region']),
        postalCode: str(location['postalCode']),
        country: str(location['country'])?.toUpperCase() ?? null,
      }),
    ]),
    jobLocationType: location['remote'] === true ? 'TELECOMMUTE' : null,
    datePosted: isoDate(entry['releasedDate']),
    identifier: identifier('SmartRecruiters', entry['id']),
    url,
  });
  return {
    url,
    externalId: str(entry['id']),
    title,
    jobPosting: carriedPosting(posting),
    updatedAt: isoDate(entry['releasedDate']),
  };
}

/** The public page of a posting; SmartRecruiters redirects it to the slugged address. */
function publicUrl(company: string | null, id: string | null): string | null {
  if (company === null || id === null) return null;
  return `https://jobs.smartrecruiters.com/${encodeURIComponent(company)}/${encodeURIComponent(id)}`;
}

function description(sections: Record<string, unknown>): string | null {
  return joinHtml(
    SECTIONS.map((key) => {
      const section = rec(sections, key);
      return headedHtml(str(section['title']), str(section['text']));
    }),
  );
}
