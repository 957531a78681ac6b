import { describe, expect, it } from 'vitest';
import { FeedError, parseFeed } from '../../../src/ingest/feeds/index.ts';
import { fixture } from './fixture.ts';

const url = 'https://work.tidewater.example/roles.atom';

describe('parseFeed atom', () => {
  const page = parseFeed('atom', fixture('atom.xml'), { url });

  it('reads entries as links: the alternate link against xml:base, else an http id', () => {
    expect(page.items.map((i) => i.url)).toEqual([
      'https://work.tidewater.example/roles/controls-engineer',
      'https://work.tidewater.example/roles/marine-electrician',
    ]);
    expect(page.errors).toEqual([expect.stringMatching(/^item 3: no http\(s\) URL/)]);
  });

  it('reads html titles as text, ids and dates', () => {
    expect(page.items[0]).toMatchObject({
      title: 'Controls Engineer & ROS Developer',
      externalId: 'urn:uuid:9c1d7a2e-0000-4000-8000-000000000001',
      updatedAt: '2026-08-21T09:00:00Z',
      jobPosting: null,
    });
    expect(page.items[1]!.updatedAt).toBe('2026-08-03T09:00:00Z');
  });

  it('follows the feed link rel=next', () => {
    expect(page.nextPageUrl).toBe('https://work.tidewater.example/roles.atom?page=2');
  });

  it('refuses a document of another kind', () => {
    expect(() => parseFeed('atom', fixture('rss.xml'), { url })).toThrow(FeedError);
  });
});
