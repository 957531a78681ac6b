import { describe, expect, it } from 'vitest';
import { FeedError, parseFeed } from '../../../src/ingest/feeds/index.ts';
import { fixture } from './fixture.ts';

const url = 'https://boards-api.greenhouse.io/v1/boards/lumenwharf/jobs?content=true';

describe('parseFeed greenhouse', () => {
  const page = parseFeed('greenhouse', fixture('greenhouse-jobs.json'), { url });

  it('reads every job with a URL and records the broken ones', () => {
    expect(page.items.map((i) => i.externalId)).toEqual(['7100000001', '7100000002']);
    expect(page.errors).toEqual([expect.stringMatching(/^item 3: no http\(s\) URL/), 'item 4: not an object']);
    expect(page.nextPageUrl).toBeNull();
  });

  it('maps a job with content into a JobPosting, unescaping the HTML once', () => {
    const item = page.items[0]!;
    expect(item).toMatchObject({
      url: 'https://job-boards.greenhouse.io/lumenwharf/jobs/7100000001',
      title: 'Senior Python Engineer, Data Platform',
      updatedAt: '2026-09-02T10:15:00-04:00',
    });
    const jp = item.jobPosting!;
    const description = jp['description'] as string;
    expect(description.startsWith('<div class="intro"><p>Lumen Wharf builds')).toBe(true);
    // one level only: what was &amp;amp; in the API is &amp; in the HTML, &amp;nbsp; is &nbsp;
    expect(description).toContain('FastAPI &amp; PostgreSQL');
    expect(description).toContain('AWS&nbsp;with');
    expect(description).toContain('&euro;70k&ndash;&euro;90k \u2014 R&amp;D');
    expect(jp).toMatchObject({
      '@type': 'JobPosting',
      title: 'Senior Python Engineer, Data Platform',
      hiringOrganization: { name: 'Lumen Wharf' },
      jobLocation: [{ address: 'Lisbon, Portugal' }, { address: 'Remote - EU' }],
      jobLocationType: 'TELECOMMUTE',
      employmentType: 'FULL_TIME',
      datePosted: '2026-08-20T09:00:00-04:00',
      validThrough: '2026-10-31',
      identifier: { value: '7100000001' },
    });
  });

  it('leaves a job without content to be fetched from its page', () => {
    expect(page.items[1]!.jobPosting).toBeNull();
    expect(page.items[1]!.title).toBe('Harbour Operations Analyst');
  });

  it('reads a single job response, with its pay range when given', () => {
    const one = JSON.stringify({
      absolute_url: 'https://job-boards.greenhouse.io/x/jobs/1',
      id: 1,
      title: 'One',
      content: '&lt;p&gt;Hi&lt;/p&gt;',
      pay_input_ranges: [{ min_cents: 9500000, max_cents: 12000000, currency_type: 'USD', title: 'US', blurb: 'per year' }],
    });
    const single = parseFeed('greenhouse', one, { url });
    expect(single.items[0]!.jobPosting).toMatchObject({
      description: '<p>Hi</p>',
      baseSalary: { currency: 'USD', value: { minValue: 95000, maxValue: 120000 } },
    });
  });

  it('takes content that is already HTML as it is', () => {
    const raw = JSON.stringify({ jobs: [{ absolute_url: 'https://x.example/1', id: 1, title: 'T', content: '<p>Use &lt;canvas&gt; &amp; WebGL</p>' }] });
    expect(parseFeed('greenhouse', raw, { url }).items[0]!.jobPosting!['description']).toBe('<p>Use &lt;canvas&gt; &amp; WebGL</p>');
  });

  it('refuses a document of another kind', () => {
    expect(() => parseFeed('greenhouse', fixture('lever-postings.json'), { url })).toThrow(FeedError);
    expect(() => parseFeed('greenhouse', '{"jobs": [', { url })).toThrow(FeedError);
  });
});
