import { describe, expect, it } from 'vitest';
import { FeedError, parseFeed } from '../../../src/ingest/feeds/index.ts';
import { fixture } from './fixture.ts';

const url = 'https://jobs.copperleaf.example/feed.rss';

describe('parseFeed rss', () => {
  const page = parseFeed('rss', fixture('rss.xml'), { url });

  it('reads items as links: link, else a permalink guid, relative ones resolved', () => {
    expect(page.items.map((i) => i.url)).toEqual([
      'https://jobs.copperleaf.example/positions/rust-developer-embedded',
      'https://jobs.copperleaf.example/positions/technical-writer',
      'https://jobs.copperleaf.example/positions/support-engineer',
    ]);
    expect(page.items.every((i) => i.jobPosting === null)).toBe(true);
    expect(page.errors).toEqual([expect.stringMatching(/^item 4: no http\(s\) URL/)]);
  });

  it('does not take a plain-id guid for a link, even without isPermaLink="false"', () => {
    const body = '<rss><channel><item><title>T</title><guid>48213</guid></item><item><title>U</title><guid>https://x.example/u</guid></item></channel></rss>';
    const page = parseFeed('rss', body, { url });
    expect(page.items.map((i) => i.url)).toEqual(['https://x.example/u']);
    expect(page.errors).toEqual([expect.stringMatching(/^item 1: no http\(s\) URL/)]);
  });

  it('takes the first of repeated <link> elements', () => {
    const body = '<rss><channel><item><title>T</title><link>https://x.example/en/t</link><link>https://x.example/de/t</link></item></channel></rss>';
    expect(parseFeed('rss', body, { url }).items[0]!.url).toBe('https://x.example/en/t');
  });

  it('decodes character references and reads guid and dates', () => {
    expect(page.items[0]).toMatchObject({ title: 'Rust Developer \u2013 Embedded', externalId: 'cl-4411', updatedAt: '2026-08-17T08:00:00.000Z' });
    expect(page.items[1]!.updatedAt).toBe('2026-08-16T10:00:00Z');
  });

  it('follows the channel atom:link rel=next', () => {
    expect(page.nextPageUrl).toBe('https://jobs.copperleaf.example/feed.rss?page=2');
  });

  it('reads RSS 1.0 (RDF)', () => {
    const rdf = parseFeed('rss', fixture('rss1-rdf.xml'), { url: 'https://jobs.ravensworth.example/rss' });
    expect(rdf.items).toEqual([
      { url: 'https://jobs.ravensworth.example/vacancies/17', externalId: null, title: 'Archivist', jobPosting: null, updatedAt: '2026-08-09T12:00:00Z' },
    ]);
  });

  it('refuses a document of another kind', () => {
    expect(() => parseFeed('rss', fixture('atom.xml'), { url })).toThrow(FeedError);
  });
});

describe('parseFeed rss with NEOGOV job listings', () => {
  const page = parseFeed('rss', fixture('neogov-rss.xml'), { url: 'https://www.governmentjobs.com/SearchEngine/JobsFeed?agency=millbrookfalls' });

  it('maps the job-listing fields into a JobPosting', () => {
    const item = page.items[0]!;
    expect(item).toMatchObject({ externalId: '800001', title: 'GIS Analyst' });
    expect(item.jobPosting).toMatchObject({
      description:
        "<p>Maintain the town's parcel maps.</p>\n<h3>Examples of Duties</h3>\n<ul><li>Edit layers in ArcGIS and QGIS</li></ul>\n<h3>Minimum Qualifications</h3>\n<p>A degree in geography or two years of GIS work.</p>",
      hiringOrganization: { name: 'Town of Millbrook Falls' },
      jobLocation: [{ address: 'Millbrook Falls, Vermont' }],
      baseSalary: { currency: 'USD', value: { minValue: 62000, maxValue: 78000, unitText: 'YEAR' } },
      datePosted: '2026-08-20T15:00:00.000Z',
      validThrough: '2026-09-18T23:59:00.000Z',
      occupationalCategory: 'Information Technology',
    });
  });

  it('reads the location "Remote" as the location type', () => {
    expect(page.items[1]!.jobPosting).toMatchObject({ jobLocationType: 'TELECOMMUTE' });
    expect(page.items[1]!.jobPosting!['jobLocation']).toBeUndefined();
  });

  it('reads hourly pay with only a minimum', () => {
    expect(page.items[1]!.jobPosting!['baseSalary']).toEqual({
      '@type': 'MonetaryAmount',
      currency: 'USD',
      value: { '@type': 'QuantitativeValue', minValue: 17.5, unitText: 'HOUR' },
    });
  });
});
