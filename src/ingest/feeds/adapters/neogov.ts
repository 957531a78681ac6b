// NEOGOV's GovernmentJobs RSS adds a job-listing namespace to each item: salary, location,
// department and the posting's sections (duties, qualifications, ...) as escaped HTML.
import {
  baseSalary,
  carriedPosting,
  headedHtml,
  identifier,
  jobPosting,
  joinHtml,
  organization,
  placeFromText,
  places,
  salaryUnit,
} from '../job-posting.ts';
import { asArray, isoDate, isRecord, num, str } from '../values.ts';

const NAMESPACE = 'http://www.neogov.com/namespaces/JobListing';

/** The sections after the summary, with the headings GovernmentJobs pages show. */
const SECTIONS: [string, string][] = [
  ['examplesofduties', 'Examples of Duties'],
  ['qualifications', 'Minimum Qualifications'],
  ['supplementalinformation', 'Supplemental Information'],
];

/** The prefix the document binds to NEOGOV's namespace (on the root element), else null. */
export function neogovPrefix(root: Record<string, unknown>): string | null {
  for (const [key, value] of Object.entries(root)) {
    if (key.startsWith('@_xmlns:') && str(value) === NAMESPACE) return key.slice('@_xmlns:'.length);
  }
  return null;
}

/** The JobPosting an item in NEOGOV's namespace carries (null without a description). */
export function neogovPosting(
  item: Record<string, unknown>,
  prefix: string,
  title: string | null,
  agency: string | null,
): Record<string, unknown> | null {
  const field = (name: string): unknown => item[`${prefix}:${name}`];
  const sections = SECTIONS.map(([name, heading]) => headedHtml(heading, str(field(name))));
  const categories = field('categories');
  const location = str(field('location'));
  const remote = location !== null && /^remote$/i.test(location);
  return carriedPosting(
    jobPosting({
      title,
      description: joinHtml([str(item['description']), ...sections]),
      hiringOrganization: organization(agency),
      // "Remote" is one of the values an agency picks for the location: it is the location type.
      jobLocation: remote ? [] : places([placeFromText(location)]),
      jobLocationType: remote ? 'TELECOMMUTE' : null,
      baseSalary: baseSalary(
        field('salaryCurrency'),
        num(str(field('minimumSalary'))),
        num(str(field('maximumSalary'))),
        salaryUnit(field('salaryInterval')),
      ),
      datePosted: isoDate(item['pubDate']),
      // "Sun, 20 Sep 2026 04:59:00:0": the trailing ":0" is not part of any date format.
      validThrough: isoDate(str(field('advertiseToDateTimeUTC'))?.replace(/:\d+$/, '')),
      occupationalCategory: isRecord(categories) ? str(asArray(categories[`${prefix}:category`])[0]) : null,
      identifier: identifier('NEOGOV', field('jobId')),
      url: str(item['link']),
    }),
  );
}
