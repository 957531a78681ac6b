// Lever postings API v0: GET api.lever.co/v0/postings/{site}?mode=json answers an array of
// postings (a single posting for /postings/{site}/{id}). With &limit=N it pages by &skip=.
import { parseJsonDocument } from '../document.ts';
import { collectItems, ItemError, type RawItem } from '../items.ts';
import {
  baseSalary,
  carriedPosting,
  employmentType,
  headedHtml,
  identifier,
  jobPosting,
  joinHtml,
  place,
  placeFromText,
  places,
  salaryUnit,
  textToHtml,
} from '../job-posting.ts';
import { DECLARED_WORKPLACE, workplaceLabel } from '../../parse/job-posting.ts';
import { FeedError, type FeedPage, type ParseFeedOptions } from '../types.ts';
import { asArray, isoDate, isRecord, num, rec, str } from '../values.ts';

/** Parses a Lever postings response. */
export function parseLever(body: string, opts: ParseFeedOptions): FeedPage {
  const doc = parseJsonDocument(body);
  let entries: unknown[];
  if (Array.isArray(doc)) entries = doc;
  else if (isRecord(doc) && Array.isArray(doc['data'])) entries = doc['data'];
  else if (isRecord(doc) && 'hostedUrl' in doc) entries = [doc];
  else throw new FeedError('not a Lever postings response (expected an array of postings)');
  const collected = collectItems(entries, mapPosting, null);
  return { ...collected, nextPageUrl: nextPage(opts.url, entries.length) };
}

/** Lever answers everything at once unless the URL asks for &limit=N; a full page may have a next one. */
function nextPage(url: string, count: number): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const limit = Number(parsed.searchParams.get('limit'));
  if (!Number.isInteger(limit) || limit <= 0 || count < limit) return null;
  const skip = Number(parsed.searchParams.get('skip') ?? '0');
  parsed.searchParams.set('skip', String((Number.isInteger(skip) ? skip : 0) + limit));
  return parsed.href;
}

function mapPosting(entry: unknown): RawItem {
  if (!isRecord(entry)) throw new ItemError('not an object');
  const title = str(entry['text']);
  const categories = rec(entry, 'categories');
  const created = isoDate(num(entry['createdAt']));
  const workplace = workplaceLabel(entry['workplaceType']);
  const posting = jobPosting({
    title,
    description: description(entry),
    employmentType: employmentType(categories['commitment']),
    jobLocation: locations(categories, str(entry['country'])),
    jobLocationType: workplace === 'remote' ? 'TELECOMMUTE' : null,
    [DECLARED_WORKPLACE]: workplace,
    applicantLocationRequirements: workplace === 'remote' ? remoteCountry(entry) : null,
    baseSalary: salary(rec(entry, 'salaryRange')),
    datePosted: created,
    identifier: identifier('Lever', entry['id']),
    url: str(entry['hostedUrl']),
  });
  return {
    url: entry['hostedUrl'],
    externalId: str(entry['id']),
    title,
    jobPosting: carriedPosting(posting),
    updatedAt: isoDate(num(entry['updatedAt'])) ?? created,
  };
}

/**
 * The page's text in order: the description (opening and body), each list as a headed <ul>,
 * then the closing text and the salary note; plain-text twins stand in where HTML is missing.
 */
function description(entry: Record<string, unknown>): string | null {
  const lists = asArray(entry['lists'])
    .filter(isRecord)
    .map((list) => {
      const content = str(list['content']);
      return content === null ? null : headedHtml(str(list['text']), `<ul>${content}</ul>`);
    });
  return joinHtml([
    html(entry, 'description') ?? joinHtml([html(entry, 'opening'), html(entry, 'descriptionBody')]),
    ...lists,
    html(entry, 'additional'),
    html(entry, 'salaryDescription'),
  ]);
}

function html(entry: Record<string, unknown>, key: string): string | null {
  const markup = str(entry[key]);
  if (markup !== null) return markup;
  const plain = str(entry[`${key}Plain`]);
  return plain === null ? null : textToHtml(plain);
}

/**
 * allLocations when given, as free text. The posting's country code belongs to its primary
 * location (categories.location): it is added to that one when it is a bare place name
 * ("London" + GB). "Chicago, IL" is left for the parser to split, and the other locations of a
 * multi-location posting keep none, as the code would be a guess for them.
 */
function locations(categories: Record<string, unknown>, country: string | null): Record<string, unknown>[] {
  const primary = str(categories['location']);
  const names = asArray(categories['allLocations']).map(str).filter((n): n is string => n !== null);
  if (names.length === 0 && primary !== null) names.push(primary);
  return places(names.map((name) => (name === primary && country !== null && !name.includes(',') ? place({ locality: name, country }) : placeFromText(name))));
}

function remoteCountry(entry: Record<string, unknown>): Record<string, unknown> | null {
  const country = str(entry['country']);
  return country === null ? null : { '@type': 'Country', name: country };
}

function salary(range: Record<string, unknown>): Record<string, unknown> | null {
  return baseSalary(range['currency'], num(range['min']), num(range['max']), salaryUnit(range['interval']));
}
