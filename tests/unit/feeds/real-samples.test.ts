// Reads the real hiring-system responses in ../shared/data/ats-samples (public data the project
// may read but not copy) at test time, when they are present on this machine, and checks that
// each is detected as its kind and every posting in it comes out with a title and a URL (and,
// where the feed carries the posting, that the parser reads it).
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFeedKind, FEED_KINDS, parseFeed, type FeedKind } from '../../../src/ingest/feeds/index.ts';
import { fromJobPosting } from '../../../src/ingest/parse/index.ts';

const ROOT = process.env['ROLERADAR_ATS_SAMPLES'] ?? '/work/shared/data/ats-samples';

/** sample file, its kind, and a URL of the shape it is fetched from (base for links, paging) */
const SAMPLES: [string, FeedKind, string][] = [
  ['set-a/greenhouse.json', 'greenhouse', 'https://boards-api.greenhouse.io/v1/boards/sample/jobs?content=true'],
  ['set-b/greenhouse_jobs.json', 'greenhouse', 'https://boards-api.greenhouse.io/v1/boards/sample/jobs?content=true'],
  ['set-a/lever.json', 'lever', 'https://api.lever.co/v0/postings/sample?mode=json'],
  ['set-b/lever_postings.json', 'lever', 'https://api.lever.co/v0/postings/sample?mode=json'],
  ['set-a/ashby.json', 'ashby', 'https://api.ashbyhq.com/posting-api/job-board/sample?includeCompensation=true'],
  ['set-b/ashby_jobs.json', 'ashby', 'https://api.ashbyhq.com/posting-api/job-board/sample?includeCompensation=true'],
  ['set-a/workable.json', 'workable', 'https://apply.workable.com/api/v1/widget/accounts/sample'],
  ['set-a/smartrecruiters.json', 'smartrecruiters', 'https://api.smartrecruiters.com/v1/companies/sample/postings'],
  ['set-a/recruitee.json', 'recruitee', 'https://sample.recruitee.com/api/offers/'],
  ['set-a/personio.xml', 'personio', 'https://sample.jobs.personio.de/xml'],
  ['set-a/teamtailor.json', 'teamtailor', 'https://career.teamtailor.com/jobs.json'],
  ['set-a/neogov.xml', 'rss', 'https://www.governmentjobs.com/SearchEngine/JobsFeed?agency=sample'],
];

/** Responses of systems without an adapter: detection must not mistake them for a supported kind. */
const UNSUPPORTED = [
  'set-a/bamboohr.json', 'set-a/eightfold.json', 'set-a/oracle_orc.json', 'set-a/pinpoint.json', 'set-a/rippling.json',
  'set-a/workday.json', 'set-a/icims.html', 'set-b/remotive_jobs.json', 'set-b/usajobs_jobs.json', 'set-b/workday_search.json',
];

const present = (file: string) => existsSync(`${ROOT}/${file}`);
const read = (file: string) => readFileSync(`${ROOT}/${file}`, 'utf8');

/** The postings a raw sample lists, by the source's own id (ids repeat where a source repeats rows). */
function rawIds(kind: FeedKind, body: string): string[] {
  if (kind === 'personio') return [...body.matchAll(/<position>\s*<id>([^<]+)<\/id>/g)].map((m) => m[1]!);
  if (kind === 'rss') return [...body.matchAll(/<item>/g)].map((_, i) => String(i));
  const doc = JSON.parse(body) as Record<string, unknown> | unknown[];
  const key = { greenhouse: 'jobs', ashby: 'jobs', workable: 'jobs', smartrecruiters: 'content', recruitee: 'offers', teamtailor: 'items' }[kind as string];
  const list = (Array.isArray(doc) ? doc : (doc[key ?? ''] as unknown[])) as Record<string, unknown>[];
  return list.map((entry) => String(entry['id'] ?? entry['shortcode']));
}

describe('real hiring-system samples', () => {
  it('lists only kinds parseFeed reads', () => {
    for (const [, kind] of SAMPLES) expect(FEED_KINDS).toContain(kind);
  });

  for (const [file, kind, url] of SAMPLES.filter(([file]) => present(file))) {
    it(`${file}: detected as ${kind}, every posting with a title and URL`, () => {
      const body = read(file);
      expect(detectFeedKind({ url: 'https://unknown.example/feed', contentType: null, body })).toBe(kind);
      const page = parseFeed(kind, body, { url });
      const distinct = new Set(rawIds(kind, body));
      expect(page.items).toHaveLength(distinct.size);
      for (const item of page.items) {
        expect(item.title, `${file} ${item.url}`).toMatch(/\S/);
        expect(new URL(item.url).protocol).toBe('https:');
        if (item.jobPosting !== null) {
          expect(item.jobPosting['title']).toBe(item.title);
          expect(String(item.jobPosting['description'])).toMatch(/<\w+/);
          // and the parser reads it: text without markup, a date, somewhere to work
          const parsed = fromJobPosting(item.jobPosting, { url: item.url });
          expect(parsed.description.length).toBeGreaterThan(50);
          expect(parsed.description).not.toMatch(/<\/?(p|li|ul|div)>|&lt;/);
          expect(parsed.datePosted).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(parsed.locations.length > 0 || parsed.workplace === 'remote').toBe(true);
        }
      }
      // the only items skipped are rows the source repeats for one posting
      expect(page.errors.every((e) => /duplicate of an earlier item/.test(e))).toBe(true);
    });
  }

  for (const file of UNSUPPORTED.filter(present)) {
    it(`${file}: not mistaken for a supported kind`, () => {
      expect(detectFeedKind({ url: 'https://unknown.example/feed', contentType: null, body: read(file) })).toBeNull();
    });
  }
});
