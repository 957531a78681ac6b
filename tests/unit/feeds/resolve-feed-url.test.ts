import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveFeedUrl } from '../../../src/ingest/feeds/index.ts';

describe('resolveFeedUrl', () => {
  it.each([
    ['https://boards.greenhouse.io/lumenwharf', 'greenhouse', 'https://boards-api.greenhouse.io/v1/boards/lumenwharf/jobs?content=true'],
    ['https://job-boards.greenhouse.io/lumenwharf/jobs/7100000001?gh_src=x', 'greenhouse', 'https://boards-api.greenhouse.io/v1/boards/lumenwharf/jobs?content=true'],
    ['https://job-boards.eu.greenhouse.io/lumenwharf', 'greenhouse', 'https://boards-api.greenhouse.io/v1/boards/lumenwharf/jobs?content=true'],
    ['https://boards.greenhouse.io/embed/job_board?for=lumenwharf', 'greenhouse', 'https://boards-api.greenhouse.io/v1/boards/lumenwharf/jobs?content=true'],
    ['https://boards-api.greenhouse.io/v1/boards/lumenwharf/jobs', 'greenhouse', 'https://boards-api.greenhouse.io/v1/boards/lumenwharf/jobs?content=true'],
    ['https://jobs.lever.co/fernbrook', 'lever', 'https://api.lever.co/v0/postings/fernbrook?mode=json'],
    ['https://jobs.lever.co/fernbrook/0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0/apply', 'lever', 'https://api.lever.co/v0/postings/fernbrook?mode=json'],
    ['https://jobs.eu.lever.co/fernbrook', 'lever', 'https://api.eu.lever.co/v0/postings/fernbrook?mode=json'],
    ['https://api.lever.co/v0/postings/fernbrook', 'lever', 'https://api.lever.co/v0/postings/fernbrook?mode=json'],
    ['https://jobs.ashbyhq.com/quillmoor', 'ashby', 'https://api.ashbyhq.com/posting-api/job-board/quillmoor?includeCompensation=true'],
    ['https://api.ashbyhq.com/posting-api/job-board/quillmoor', 'ashby', 'https://api.ashbyhq.com/posting-api/job-board/quillmoor?includeCompensation=true'],
    ['https://apply.workable.com/brightmoss/', 'workable', 'https://apply.workable.com/api/v1/widget/accounts/brightmoss?details=true'],
    ['https://brightmoss.workable.com', 'workable', 'https://apply.workable.com/api/v1/widget/accounts/brightmoss?details=true'],
    ['https://www.workable.com/api/accounts/brightmoss', 'workable', 'https://apply.workable.com/api/v1/widget/accounts/brightmoss?details=true'],
    ['https://jobs.smartrecruiters.com/OrchardlineFoods', 'smartrecruiters', 'https://api.smartrecruiters.com/v1/companies/OrchardlineFoods/postings?limit=100'],
    ['https://careers.smartrecruiters.com/OrchardlineFoods', 'smartrecruiters', 'https://api.smartrecruiters.com/v1/companies/OrchardlineFoods/postings?limit=100'],
    ['https://saltmarsh.recruitee.com/o/devops-engineer', 'recruitee', 'https://saltmarsh.recruitee.com/api/offers/'],
    ['https://kestrelbank.jobs.personio.de/?language=en', 'personio', 'https://kestrelbank.jobs.personio.de/xml?language=en'],
    ['https://kestrelbank.jobs.personio.com/job/2200101', 'personio', 'https://kestrelbank.jobs.personio.com/xml'],
    ['https://glimmerfen.teamtailor.com/jobs', 'teamtailor', 'https://glimmerfen.teamtailor.com/jobs.json'],
    ['HTTPS://Jobs.Lever.co/fernbrook', 'lever', 'https://api.lever.co/v0/postings/fernbrook?mode=json'],
  ])('%s -> %s', (input, kind, url) => {
    expect(resolveFeedUrl(input)).toEqual({ kind, url });
  });

  it.each([
    'https://careers.hollowpine.example/jobs',
    'https://boards.greenhouse.io/',
    'https://apply.workable.com/j/A1B2C3D4E5',
    'https://www.recruitee.com/',
    'https://www.teamtailor.com/en/',
    'ftp://jobs.lever.co/fernbrook',
    'not a url',
    'https://jobs.lever.co/..%2F..%2Fadmin',
    'https://greenhouse.io.evil.example/lumenwharf',
  ])('%s names no known hiring system', (input) => {
    expect(resolveFeedUrl(input)).toBeNull();
  });
});

describe('resolveFeedUrl properties', () => {
  const hosts = ['boards.greenhouse.io', 'job-boards.eu.greenhouse.io', 'jobs.lever.co', 'jobs.eu.lever.co', 'jobs.ashbyhq.com', 'apply.workable.com', 'acme.workable.com', 'jobs.smartrecruiters.com', 'acme.recruitee.com', 'acme.jobs.personio.de', 'acme.teamtailor.com', 'example.org'];
  const segment = fc.stringMatching(/^[A-Za-z0-9_.%~-]{0,24}$/);
  const urls = fc.tuple(fc.constantFrom(...hosts), fc.array(segment, { maxLength: 4 }), fc.string({ maxLength: 20 })).map(([host, path, query]) => `https://${host}/${path.join('/')}?${query}`);

  it('never throws, and what it returns is an https URL that resolves to itself', () => {
    fc.assert(
      fc.property(fc.oneof(urls, fc.string({ maxLength: 80 })), (input) => {
        const resolved = resolveFeedUrl(input);
        if (resolved === null) return;
        expect(new URL(resolved.url).protocol).toBe('https:');
        expect(resolveFeedUrl(resolved.url)).toEqual(resolved);
      }),
      { numRuns: 2_000 },
    );
  });
});
