import { describe, expect, it } from 'vitest';
import { FeedError, parseFeed } from '../../../src/ingest/feeds/index.ts';
import { fixture } from './fixture.ts';

const url = 'https://api.ashbyhq.com/posting-api/job-board/quillmoor?includeCompensation=true';

describe('parseFeed ashby', () => {
  const page = parseFeed('ashby', fixture('ashby-job-board.json'), { url });

  it('reads jobs and records the one without a URL', () => {
    expect(page.items).toHaveLength(2);
    expect(page.errors).toEqual([expect.stringMatching(/^item 3: no http\(s\) URL/)]);
  });

  it('maps description, locations, remote and the salary component into a JobPosting', () => {
    const item = page.items[0]!;
    expect(item).toMatchObject({
      url: 'https://jobs.ashbyhq.com/quillmoor/6b1d8f8e-2f4a-4c44-9a0b-1d2e3f4a5b6c',
      externalId: '6b1d8f8e-2f4a-4c44-9a0b-1d2e3f4a5b6c',
      updatedAt: '2026-08-11T14:03:22.120+00:00',
    });
    expect(item.jobPosting).toMatchObject({
      title: 'Machine Learning Engineer',
      description: expect.stringContaining('<li>PyTorch and scikit-learn daily</li>'),
      employmentType: 'FULL_TIME',
      jobLocationType: 'TELECOMMUTE',
      jobLocation: [
        { address: { addressCountry: 'Canada' } },
        { address: { addressLocality: 'Montreal', addressRegion: 'Quebec', addressCountry: 'Canada' } },
      ],
      baseSalary: { currency: 'CAD', value: { minValue: 140000, maxValue: 170000, unitText: 'YEAR' } },
    });
  });

  it('does not call a hybrid job remote, and keeps pay the board hides off the posting', () => {
    const jp = page.items[1]!.jobPosting!;
    expect(jp['jobLocationType']).toBeUndefined();
    expect(jp['baseSalary']).toBeUndefined();
    expect(jp['jobLocation']).toEqual([{ '@type': 'Place', address: 'Toronto, Ontario' }]);
    expect(jp['description']).toBe('<p>Keep the office running.<br>Order the snacks.</p>');
    expect(jp['employmentType']).toBe('PART_TIME');
  });

  it('refuses a document of another kind', () => {
    expect(() => parseFeed('ashby', fixture('recruitee-offers.json'), { url })).toThrow(FeedError);
  });
});
