import { describe, expect, it } from 'vitest';
import { FeedError, parseFeed } from '../../../src/ingest/feeds/index.ts';
import { fixture } from './fixture.ts';

const url = 'https://kestrelbank.jobs.personio.de/xml?language=de';

describe('parseFeed personio', () => {
  const page = parseFeed('personio', fixture('personio.xml'), { url });

  it('builds each page URL from the feed host, id and language', () => {
    expect(page.items.map((i) => i.url)).toEqual([
      'https://kestrelbank.jobs.personio.de/job/2200101?language=de',
      'https://kestrelbank.jobs.personio.de/job/2200102?language=de',
      'https://kestrelbank.jobs.personio.de/job/2200104?language=de',
    ]);
    expect(page.errors).toEqual(['item 3: position without <id>']);
  });

  it('maps sections, offices, company and contract into a JobPosting', () => {
    const item = page.items[0]!;
    expect(item).toMatchObject({ externalId: '2200101', title: 'Werkstudent Data Engineering (m/w/d)', updatedAt: '2026-08-12T09:30:00+00:00' });
    expect(item.jobPosting).toMatchObject({
      description: '<h3>Deine Aufgaben</h3>\n<ul><li>Pipelines mit Airflow &amp; dbt pflegen</li></ul>\n<h3>Dein Profil</h3>\n<p>Python und SQL, 20 Stunden pro Woche.</p>',
      hiringOrganization: { name: 'Kestrelbank GmbH & Co. KG' },
      jobLocation: [{ address: 'Hamburg' }, { address: 'Leipzig' }, { address: 'Remote (Germany)' }],
      employmentType: 'INTERN',
      datePosted: '2026-08-12T09:30:00+00:00',
    });
  });

  it('reads entity-escaped HTML values as well as CDATA ones', () => {
    expect(page.items[1]!.jobPosting).toMatchObject({
      description: '<h3>Your role</h3>\n<p>Build the ledger in Kotlin &amp; Spring.</p>',
      employmentType: 'FULL_TIME',
    });
  });

  it('leaves a position without descriptions to be fetched', () => {
    expect(page.items[2]!.jobPosting).toBeNull();
  });

  it('refuses a document of another kind', () => {
    expect(() => parseFeed('personio', fixture('rss.xml'), { url })).toThrow(FeedError);
  });
});
