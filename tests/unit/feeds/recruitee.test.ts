import { describe, expect, it } from 'vitest';
import { FeedError, parseFeed } from '../../../src/ingest/feeds/index.ts';
import { fixture } from './fixture.ts';

const url = 'https://saltmarsh.recruitee.com/api/offers/';

describe('parseFeed recruitee', () => {
  const page = parseFeed('recruitee', fixture('recruitee-offers.json'), { url });

  it('maps an offer into a JobPosting with salary, address and dates', () => {
    const item = page.items[0]!;
    expect(item).toMatchObject({
      url: 'https://saltmarsh.recruitee.com/o/devops-engineer-kubernetes',
      externalId: '3100001',
      title: 'DevOps Engineer (Kubernetes)',
      updatedAt: '2026-08-20T16:45:10Z',
    });
    expect(item.jobPosting).toMatchObject({
      description: '<p>Saltmarsh Energy balances tidal power on the grid.</p>\n<ul><li>Kubernetes, Terraform and GitHub Actions</li></ul>',
      hiringOrganization: { name: 'Saltmarsh Energy' },
      employmentType: 'FULL_TIME',
      baseSalary: { currency: 'EUR', value: { minValue: 65000, maxValue: 80000, unitText: 'YEAR' } },
      jobLocation: [{ address: { streetAddress: 'Havenkade 3', addressLocality: 'Groningen', postalCode: '9711 AA', addressCountry: 'NL' } }],
      datePosted: '2026-08-04T09:00:00Z',
      validThrough: '2026-10-01T00:00:00Z',
    });
    expect(item.jobPosting!['jobLocationType']).toBeUndefined();
  });

  it('leaves an offer without text to be fetched, keeping its link', () => {
    const item = page.items[1]!;
    expect(item).toMatchObject({ url: 'https://saltmarsh.recruitee.com/o/field-technician', jobPosting: null, updatedAt: '2026-08-10T10:00:00Z' });
    expect(page.errors).toEqual([]);
  });

  it('refuses a document of another kind', () => {
    expect(() => parseFeed('recruitee', fixture('greenhouse-jobs.json'), { url })).toThrow(FeedError);
  });
});
