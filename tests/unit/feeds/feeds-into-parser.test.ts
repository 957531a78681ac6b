// The contract with the posting parser: every JobPosting an adapter builds from a fixture goes
// through fromJobPosting (src/ingest/parse) into a ParsedPosting that kept what the feed said.
import { describe, expect, it } from 'vitest';
import { parseFeed, type FeedKind } from '../../../src/ingest/feeds/index.ts';
import { fromJobPosting } from '../../../src/ingest/parse/index.ts';
import { fixture } from './fixture.ts';

/** fixture, kind, feed URL, and per item URL what the parsed posting must show */
const CASES: [string, FeedKind, string, Record<string, { company?: string; text: string; remote?: boolean; salary?: [number, number, string] }>][] = [
  ['greenhouse-jobs.json', 'greenhouse', 'https://boards-api.greenhouse.io/v1/boards/lumenwharf/jobs?content=true', {
    'https://job-boards.greenhouse.io/lumenwharf/jobs/7100000001': { company: 'Lumen Wharf', text: 'Build ingestion services in Python with FastAPI & PostgreSQL', remote: true },
  }],
  ['lever-postings.json', 'lever', 'https://api.lever.co/v0/postings/fernbrook?mode=json', {
    'https://jobs.lever.co/fernbrook/0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0': { text: 'Own Kafka consumers end to end', remote: true, salary: [60000, 80000, 'EUR'] },
    'https://jobs.lever.co/fernbrook/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d': { text: 'You will answer questions with SQL & pandas.' },
  }],
  ['ashby-job-board.json', 'ashby', 'https://api.ashbyhq.com/posting-api/job-board/quillmoor', {
    'https://jobs.ashbyhq.com/quillmoor/6b1d8f8e-2f4a-4c44-9a0b-1d2e3f4a5b6c': { text: 'PyTorch and scikit-learn daily', remote: true, salary: [140000, 170000, 'CAD'] },
  }],
  ['workable-widget.json', 'workable', 'https://apply.workable.com/api/v1/widget/accounts/brightmoss?details=true', {
    'https://apply.workable.com/j/A1B2C3D4E5': { company: 'Brightmoss Studio', text: '2+ years of React', remote: true },
  }],
  ['smartrecruiters-posting.json', 'smartrecruiters', 'https://api.smartrecruiters.com/v1/companies/OrchardlineFoods/postings/744000000000001', {
    'https://jobs.smartrecruiters.com/OrchardlineFoods/744000000000001-warehouse-shift-lead': { company: 'Orchardline Foods', text: 'Forklift licence' },
  }],
  ['recruitee-offers.json', 'recruitee', 'https://saltmarsh.recruitee.com/api/offers/', {
    'https://saltmarsh.recruitee.com/o/devops-engineer-kubernetes': { company: 'Saltmarsh Energy', text: 'Kubernetes, Terraform and GitHub Actions', salary: [65000, 80000, 'EUR'] },
  }],
  ['personio.xml', 'personio', 'https://kestrelbank.jobs.personio.de/xml', {
    'https://kestrelbank.jobs.personio.de/job/2200101': { company: 'Kestrelbank GmbH & Co. KG', text: 'Pipelines mit Airflow & dbt pflegen' },
  }],
  ['teamtailor-jobs.json', 'teamtailor', 'https://glimmerfen.teamtailor.com/jobs.json', {
    'https://glimmerfen.teamtailor.com/jobs/4400001-site-reliability-engineer': { company: 'Glimmerfen', text: 'Terraform, Prometheus, Grafana' },
  }],
  ['neogov-rss.xml', 'rss', 'https://www.governmentjobs.com/SearchEngine/JobsFeed?agency=millbrookfalls', {
    'https://www.governmentjobs.com/careers/millbrookfalls/jobs/800001': { company: 'Town of Millbrook Falls', text: 'Edit layers in ArcGIS and QGIS', salary: [62000, 78000, 'USD'] },
  }],
];

describe('feed JobPostings through fromJobPosting', () => {
  it.each(CASES)('%s', (name, kind, url, expected) => {
    const page = parseFeed(kind, fixture(name), { url });
    const carried = page.items.filter((item) => item.jobPosting !== null);
    expect(carried.length).toBeGreaterThan(0);
    for (const item of carried) {
      const parsed = fromJobPosting(item.jobPosting!, { url: item.url, fetchedAt: new Date('2026-09-05T00:00:00Z') });
      expect(parsed.title).toBe(item.title);
      expect(parsed.description.length).toBeGreaterThan(10);
      expect(parsed.description).not.toMatch(/<\/?(p|li|ul|div|h3)>|&lt;|&amp;/);
      expect(parsed.datePosted).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(parsed.locations.length > 0 || parsed.workplace === 'remote').toBe(true);
      const want = expected[item.url];
      if (want === undefined) continue;
      expect(parsed.description).toContain(want.text);
      if (want.company !== undefined) expect(parsed.company).toBe(want.company);
      if (want.remote === true) expect(parsed.workplace).toBe('remote');
      if (want.salary !== undefined) expect([parsed.salary?.min, parsed.salary?.max, parsed.salary?.currency]).toEqual(want.salary);
    }
  });
});

// A board's own workplace word beats what the text suggests: schema.org can only say TELECOMMUTE,
// so adapters carry "hybrid" and "onsite" in DECLARED_WORKPLACE (seen on the real Lever sample:
// an onsite New York posting read as remote from its text).
describe('the workplace a board states', () => {
  const text = 'We are a remote-friendly team of engineers. Work from home on Fridays.';
  it.each([
    ['remote', 'remote'],
    ['hybrid', 'hybrid'],
    ['onsite', 'onsite'],
    ['unspecified', 'remote'], // no word from the board: the text decides
  ] as const)('Lever workplaceType %s -> %s', (workplaceType, expected) => {
    const body = JSON.stringify([{ id: 'w1', text: 'Data Analyst', hostedUrl: 'https://jobs.lever.co/acme/w1', categories: { location: 'New York, NY' }, country: 'US', workplaceType, descriptionPlain: text }]);
    const [item] = parseFeed('lever', body, { url: 'https://api.lever.co/v0/postings/acme?mode=json' }).items;
    expect(fromJobPosting(item!.jobPosting!, {}).workplace).toBe(expected);
  });

  it.each([['OnSite', 'onsite'], ['Hybrid', 'hybrid'], ['Remote', 'remote']] as const)('Ashby workplaceType %s -> %s', (workplaceType, expected) => {
    const body = JSON.stringify({ jobs: [{ id: 'a1', title: 'Data Analyst', jobUrl: 'https://jobs.ashbyhq.com/acme/a1', location: 'New York', isRemote: true, workplaceType, descriptionPlain: text, isListed: true }] });
    const [item] = parseFeed('ashby', body, { url: 'https://api.ashbyhq.com/posting-api/job-board/acme' }).items;
    expect(fromJobPosting(item!.jobPosting!, {}).workplace).toBe(expected);
  });
});
