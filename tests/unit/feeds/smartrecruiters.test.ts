import { describe, expect, it } from 'vitest';
import { FeedError, parseFeed } from '../../../src/ingest/feeds/index.ts';
import { fixture } from './fixture.ts';

const url = 'https://api.smartrecruiters.com/v1/companies/OrchardlineFoods/postings?limit=2';

describe('parseFeed smartrecruiters', () => {
  it('reads a postings list as links to the public pages, and pages by offset', () => {
    const page = parseFeed('smartrecruiters', fixture('smartrecruiters-postings.json'), { url });
    expect(page.items.map((i) => i.url)).toEqual([
      'https://jobs.smartrecruiters.com/OrchardlineFoods/744000000000001',
      'https://jobs.smartrecruiters.com/OrchardlineFoods/744000000000002',
    ]);
    expect(page.items[0]).toMatchObject({ externalId: '744000000000001', title: 'Warehouse Shift Lead', jobPosting: null, updatedAt: '2026-08-21T07:30:00.000Z' });
    expect(page.nextPageUrl).toBe('https://api.smartrecruiters.com/v1/companies/OrchardlineFoods/postings?limit=2&offset=2');
    expect(page.errors).toEqual([]);
  });

  it('stops paging on the last page', () => {
    const last = { ...JSON.parse(fixture('smartrecruiters-postings.json')), offset: 4 };
    expect(parseFeed('smartrecruiters', JSON.stringify(last), { url }).nextPageUrl).toBeNull();
  });

  it('maps a single posting with its job ad into a JobPosting', () => {
    const page = parseFeed('smartrecruiters', fixture('smartrecruiters-posting.json'), { url });
    const item = page.items[0]!;
    expect(item.url).toBe('https://jobs.smartrecruiters.com/OrchardlineFoods/744000000000001-warehouse-shift-lead');
    expect(item.jobPosting).toMatchObject({
      hiringOrganization: { name: 'Orchardline Foods' },
      employmentType: 'FULL_TIME',
      jobLocation: [{ address: { addressLocality: 'Leeds', addressRegion: 'England', addressCountry: 'GB' } }],
      datePosted: '2026-08-21T07:30:00.000Z',
    });
    const description = item.jobPosting!['description'] as string;
    expect(description).toContain('<h3>Company Description</h3>\n<p>Orchardline Foods packs fruit');
    expect(description).toContain('<h3>Qualifications</h3>\n<ul><li>Forklift licence</li></ul>');
    expect(description).not.toContain('Additional Information');
  });

  it('refuses a document of another kind', () => {
    expect(() => parseFeed('smartrecruiters', fixture('ashby-job-board.json'), { url })).toThrow(FeedError);
  });
});
