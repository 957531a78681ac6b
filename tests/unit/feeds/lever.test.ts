import { describe, expect, it } from 'vitest';
import { FeedError, parseFeed } from '../../../src/ingest/feeds/index.ts';
import { fixture } from './fixture.ts';

const url = 'https://api.lever.co/v0/postings/fernbrook?mode=json';

describe('parseFeed lever', () => {
  const page = parseFeed('lever', fixture('lever-postings.json'), { url });

  it('reads postings and records the broken ones', () => {
    expect(page.items.map((i) => i.title)).toEqual(['Backend Engineer (Go, Kafka)', 'Data Analyst']);
    expect(page.errors).toEqual([expect.stringMatching(/^item 3: no http\(s\) URL/), 'item 4: not an object']);
    expect(page.nextPageUrl).toBeNull();
  });

  it('builds the HTML description from description, lists, additional and salary text', () => {
    const jp = page.items[0]!.jobPosting!;
    const description = jp['description'] as string;
    const order = ['Fernbrook Pay moves money', "<h3>What you'll do</h3>", '<ul><li>Design idempotent', '<h3>What you bring</h3>', 'four-day week', 'Pay bands'];
    const positions = order.map((part) => description.indexOf(part));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('maps workplace, locations, commitment, salary and dates', () => {
    const item = page.items[0]!;
    expect(item.externalId).toBe('0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0');
    expect(item.updatedAt).toBe(new Date(1788000000000).toISOString());
    expect(item.jobPosting).toMatchObject({
      jobLocationType: 'TELECOMMUTE',
      applicantLocationRequirements: { name: 'EE' },
      employmentType: 'FULL_TIME',
      // the country code belongs to the primary location (categories.location) only
      jobLocation: [{ address: { '@type': 'PostalAddress', addressLocality: 'Tallinn', addressCountry: 'EE' } }, { address: 'Riga' }],
      baseSalary: { currency: 'EUR', value: { minValue: 60000, maxValue: 80000, unitText: 'YEAR' } },
      datePosted: new Date(1788000000000).toISOString(),
    });
    // the other locations of a multi-location posting keep no country: the code is the primary's
    expect(JSON.stringify((item.jobPosting!['jobLocation'] as unknown[])[1])).not.toContain('addressCountry');
  });

  it('turns plain text into escaped HTML paragraphs when there is no HTML', () => {
    const item = page.items[1]!;
    expect(item.jobPosting!['description']).toBe('<p>You will answer questions with SQL &amp; pandas.</p>\n<p>You will &lt;not&gt; need a degree.</p>');
    expect(item.jobPosting!['jobLocationType']).toBeUndefined();
    // a location with parts is left for the parser to split; the country code is not glued on
    expect(item.jobPosting).toMatchObject({ employmentType: 'PART_TIME', jobLocation: [{ address: 'Vilnius, Lithuania' }] });
    expect(item.updatedAt).toBe(new Date(1788500000000).toISOString());
  });

  it('adds the country code to a lone bare place name', () => {
    const one = { ...JSON.parse(fixture('lever-postings.json'))[0], categories: { location: 'Tallinn' } };
    const page = parseFeed('lever', JSON.stringify([one]), { url });
    expect(page.items[0]!.jobPosting!['jobLocation']).toEqual([
      { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: 'Tallinn', addressCountry: 'EE' } },
    ]);
  });

  it('pages with skip when the URL asks for a limit and the page is full', () => {
    const body = JSON.stringify([JSON.parse(fixture('lever-postings.json'))[0]]);
    const paged = parseFeed('lever', body, { url: 'https://api.lever.co/v0/postings/fernbrook?mode=json&limit=1&skip=3' });
    expect(paged.nextPageUrl).toBe('https://api.lever.co/v0/postings/fernbrook?mode=json&limit=1&skip=4');
    expect(parseFeed('lever', body, { url: `${url}&limit=5` }).nextPageUrl).toBeNull();
  });

  it('refuses a document that is not a postings array', () => {
    expect(() => parseFeed('lever', '{"jobs": []}', { url })).toThrow(FeedError);
  });
});
