import { describe, expect, it } from 'vitest';
import { FeedError, parseFeed } from '../../../src/ingest/feeds/index.ts';
import { fixture } from './fixture.ts';

const url = 'https://careers.northgate.example/feed.json';

describe('parseFeed json-feed', () => {
  const page = parseFeed('json-feed', fixture('json-feed.json'), { url });

  it('reads items as links, resolving relative URLs and next_url', () => {
    expect(page.items.map((i) => i.url)).toEqual([
      'https://careers.northgate.example/jobs/301-platform-engineer',
      'https://careers.northgate.example/jobs/302-qa-analyst',
    ]);
    expect(page.items[0]).toMatchObject({ externalId: 'ng-301', title: 'Platform Engineer', jobPosting: null, updatedAt: '2026-08-06T11:00:00Z' });
    expect(page.items[1]!.updatedAt).toBe('2026-08-07T09:00:00Z');
    expect(page.nextPageUrl).toBe('https://careers.northgate.example/feed.json?page=2');
    expect(page.errors).toEqual([expect.stringMatching(/^item 3: no http\(s\) URL/)]);
  });

  it('refuses JSON that is not a JSON Feed', () => {
    expect(() => parseFeed('json-feed', '{"items": []}', { url })).toThrow(FeedError);
  });
});

describe('parseFeed teamtailor', () => {
  const page = parseFeed('teamtailor', fixture('teamtailor-jobs.json'), { url: 'https://glimmerfen.teamtailor.com/jobs.json' });

  it('hands over the embedded JobPosting, completed with the item HTML and the feed title as company', () => {
    const item = page.items[0]!;
    expect(item).toMatchObject({
      url: 'https://glimmerfen.teamtailor.com/jobs/4400001-site-reliability-engineer',
      title: 'Site Reliability Engineer',
      updatedAt: '2026-08-25T12:30:00+02:00',
    });
    expect(item.jobPosting).toMatchObject({
      '@type': 'JobPosting',
      description: '<p>Keep our greenhouse sensors online.</p><ul><li>Terraform, Prometheus, Grafana</li></ul>',
      hiringOrganization: { name: 'Glimmerfen' },
      employmentType: 'FULL_TIME',
      jobLocation: [{ address: { addressLocality: 'Uppsala', addressCountry: 'SE' } }],
      url: 'https://glimmerfen.teamtailor.com/jobs/4400001-site-reliability-engineer',
    });
  });

  it('leaves an item whose posting has no description to be fetched', () => {
    expect(page.items[1]!.jobPosting).toBeNull();
  });

  it('does not take the feed title for a company in a plain JSON Feed', () => {
    const plain = parseFeed('json-feed', fixture('teamtailor-jobs.json'), { url });
    expect(plain.items[0]!.jobPosting!['hiringOrganization']).toBeUndefined();
  });
});
