import { describe, expect, it } from 'vitest';
import { FeedError, parseFeed, POSTING_URL_PATTERN } from '../../../src/ingest/feeds/index.ts';
import { fixture } from './fixture.ts';

const url = 'https://careers.hollowpine.example/sitemap.xml';

describe('parseFeed sitemap', () => {
  it('keeps every http(s) URL by default, with lastmod as updatedAt', () => {
    const page = parseFeed('sitemap', fixture('sitemap.xml'), { url });
    expect(page.items.map((i) => i.url)).toEqual([
      'https://careers.hollowpine.example/',
      'https://careers.hollowpine.example/about-us',
      'https://careers.hollowpine.example/jobs/backend-engineer-1042',
      'https://careers.hollowpine.example/jobs/ux-researcher-1043',
    ]);
    expect(page.items[2]).toEqual({
      url: 'https://careers.hollowpine.example/jobs/backend-engineer-1042',
      externalId: null,
      title: null,
      jobPosting: null,
      updatedAt: '2026-08-19T08:00:00+00:00',
    });
    expect(page.errors).toEqual([expect.stringMatching(/^item 5: no http\(s\) URL/)]);
    expect(page.childFeedUrls).toBeUndefined();
  });

  it('keeps only posting-like URLs when asked to', () => {
    const page = parseFeed('sitemap', fixture('sitemap.xml'), { url, urlFilter: POSTING_URL_PATTERN });
    expect(page.items.map((i) => i.url)).toEqual([
      'https://careers.hollowpine.example/jobs/backend-engineer-1042',
      'https://careers.hollowpine.example/jobs/ux-researcher-1043',
    ]);
    const global = parseFeed('sitemap', fixture('sitemap.xml'), { url, urlFilter: /\/jobs\//g });
    expect(global.items).toHaveLength(2);
  });

  it('returns a sitemap index as child sitemaps to fetch, without items', () => {
    const page = parseFeed('sitemap', fixture('sitemap-index.xml'), { url: 'https://careers.hollowpine.example/sitemap_index.xml' });
    expect(page.items).toEqual([]);
    expect(page.nextPageUrl).toBeNull();
    expect(page.childFeedUrls).toEqual([
      'https://careers.hollowpine.example/sitemap-jobs-1.xml',
      'https://careers.hollowpine.example/sitemap-jobs-2.xml',
    ]);
  });

  it('refuses a document of another kind', () => {
    expect(() => parseFeed('sitemap', fixture('rss.xml'), { url })).toThrow(FeedError);
  });
});
