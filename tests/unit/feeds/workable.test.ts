import { describe, expect, it } from 'vitest';
import { FeedError, parseFeed } from '../../../src/ingest/feeds/index.ts';
import { fixture } from './fixture.ts';

const url = 'https://apply.workable.com/api/v1/widget/accounts/brightmoss?details=true';

describe('parseFeed workable', () => {
  const page = parseFeed('workable', fixture('workable-widget.json'), { url });

  it('merges the rows the widget repeats per location into one item', () => {
    expect(page.items.map((i) => i.externalId)).toEqual(['A1B2C3D4E5', 'F6G7H8I9J0']);
    expect(page.errors).toEqual([]);
    expect(page.items[0]!.jobPosting!['jobLocation']).toEqual([
      { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: 'Krakow', addressRegion: 'Lesser Poland', addressCountry: 'PL' } },
      { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: 'Brno', addressCountry: 'CZ' } },
    ]);
  });

  it('maps a detailed job into a JobPosting with the account name as company', () => {
    const item = page.items[0]!;
    expect(item).toMatchObject({ url: 'https://apply.workable.com/j/A1B2C3D4E5', title: 'Frontend Developer (React)', updatedAt: '2026-08-14' });
    expect(item.jobPosting).toMatchObject({
      hiringOrganization: { name: 'Brightmoss Studio' },
      jobLocationType: 'TELECOMMUTE',
      employmentType: 'FULL_TIME',
      datePosted: '2026-08-14',
      description: '<p>Build accessible interfaces in React and TypeScript.</p>\n<ul><li>2+ years of React</li></ul>\n<p>Hardware budget.</p>',
    });
  });

  it('leaves a job without details to be fetched from its page', () => {
    expect(page.items[1]!.jobPosting).toBeNull();
  });

  it('refuses a document of another kind', () => {
    expect(() => parseFeed('workable', '[]', { url })).toThrow(FeedError);
  });
});
