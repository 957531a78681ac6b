// structuredData.fields: for each field the parser found, where its value came from.
import { describe, expect, it } from 'vitest';
import { fromJobPosting, parsePosting, parseText } from '../../../src/ingest/parse/index.ts';

const page = (head: string, body: string): string =>
  `<!doctype html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
const ldScript = (o: unknown): string => `<script type="application/ld+json">${JSON.stringify(o)}</script>`;

const longText = 'You will build and run the data pipelines our analysts rely on every day, review code, and mentor two junior engineers. '
  + 'We ship small changes often and keep the on-call rota light.';

describe('structuredData.fields', () => {
  it('JSON-LD title, salary only in the description text', () => {
    const ld = {
      '@context': 'https://schema.org', '@type': 'JobPosting', title: 'Data Engineer', datePosted: '2026-11-02',
      hiringOrganization: { '@type': 'Organization', name: 'Lanternfish Labs' },
      jobLocation: { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: 'Leeds', addressCountry: 'GB' } },
      description: `<p>${longText}</p><p>The salary is £55,000 - £65,000 per year.</p>`,
    };
    const p = parsePosting(page(`<title>Data Engineer | Lanternfish Labs</title>${ldScript(ld)}`, '<h1>Data Engineer</h1>'));
    expect(p.salary).toMatchObject({ min: 55000, max: 65000, currency: 'GBP', period: 'year' });
    expect(p.structuredData.source).toBe('json-ld');
    expect(p.structuredData.fields).toEqual({
      title: 'json-ld', company: 'json-ld', location: 'json-ld', datePosted: 'json-ld', salary: 'text', description: 'json-ld',
    });
  });

  it('microdata only', () => {
    const html = page('<title>Site Reliability Engineer</title>', `
      <div itemscope itemtype="https://schema.org/JobPosting">
        <h1 itemprop="title">Site Reliability Engineer</h1>
        <div itemprop="hiringOrganization" itemscope itemtype="https://schema.org/Organization"><span itemprop="name">Brightwater Systems</span></div>
        <div itemprop="jobLocation" itemscope itemtype="https://schema.org/Place"><div itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">
          <span itemprop="addressLocality">Denver</span>, <span itemprop="addressRegion">CO</span> <meta itemprop="addressCountry" content="US"></div></div>
        <meta itemprop="employmentType" content="FULL_TIME"><time itemprop="datePosted" datetime="2026-11-10">10 Nov</time>
        <div itemprop="description"><p>${longText}</p></div>
      </div>`);
    const p = parsePosting(html);
    expect(p.title).toBe('Site Reliability Engineer');
    expect(p.structuredData.source).toBe('microdata');
    expect(p.structuredData.fields).toEqual({
      title: 'microdata', company: 'microdata', location: 'microdata', employmentType: 'microdata', datePosted: 'microdata', description: 'microdata',
    });
  });

  it('OpenGraph-only title and description', () => {
    const html = page('<meta property="og:title" content="Mobile Developer (Flutter)"><meta property="og:site_name" content="Pebblecraft">'
      + '<meta property="og:description" content="Pebblecraft is hiring a Flutter developer to build our booking app.">', '<div id="app"></div>');
    const p = parsePosting(html);
    expect(p.title).toBe('Mobile Developer (Flutter)');
    expect(p.company).toBe('Pebblecraft');
    expect(p.structuredData).toMatchObject({ source: 'html', fields: { title: 'meta', company: 'meta', description: 'meta' } });
  });

  it('plain HTML: h1 title, main content, a salary read from the prose', () => {
    const html = page('<title>Backend Developer | Jobs</title>',
      `<main><h1>Backend Developer</h1><p>${longText}</p><p>We pay €70,000 - €80,000 a year.</p></main>`);
    const p = parsePosting(html);
    expect(p.title).toBe('Backend Developer');
    expect(p.structuredData.fields).toEqual({ title: 'html', salary: 'text', description: 'html' });
  });

  it('hiring-system page shapes say hiring-system; dt/dd labels say html', () => {
    const html = page('<title>Controls Engineer</title>', `<div class="posting-headline"><h2>Controls Engineer</h2>
      <div class="location">Omaha, Nebraska</div><div class="commitment">Full-time</div></div>
      <dl><dt>Salary</dt><dd>$90,000 - $110,000 per year</dd></dl>
      <div data-qa="job-description"><p>${longText}</p></div>`);
    const p = parsePosting(html);
    expect(p.structuredData.fields).toMatchObject({
      title: 'hiring-system', location: 'hiring-system', employmentType: 'hiring-system', salary: 'html', description: 'hiring-system',
    });
  });

  it('a workplace read from JSON-LD prose yields to one the page states', () => {
    const ld = {
      '@context': 'https://schema.org', '@type': 'JobPosting', title: 'Platform Engineer', datePosted: '2026-11-02',
      hiringOrganization: { '@type': 'Organization', name: 'Corvid Cloud' },
      jobLocation: { '@type': 'Place', address: { addressLocality: 'Berlin', addressCountry: 'DE' } },
      description: `<p>${longText} Join a remote-friendly team.</p>`,
    };
    const html = page(ldScript(ld), '<h1>Platform Engineer</h1><dl><dt>Workplace type</dt><dd>Hybrid</dd></dl>');
    const p = parsePosting(html);
    expect(p.workplace).toBe('hybrid');
    expect(p.structuredData.fields?.workplace).toBe('html');
    // without the page's statement, the prose decides, and says so
    const prose = parsePosting(page(ldScript(ld), '<h1>Platform Engineer</h1>'));
    expect(prose.workplace).toBe('remote');
    expect(prose.structuredData.fields?.workplace).toBe('text');
  });

  it('TELECOMMUTE is the markup\'s remote', () => {
    const p = fromJobPosting({ '@type': 'JobPosting', title: 'Support Engineer', jobLocationType: 'TELECOMMUTE', description: longText });
    expect(p.workplace).toBe('remote');
    expect(p.structuredData.fields).toEqual({ title: 'json-ld', workplace: 'json-ld', description: 'json-ld' });
  });

  it('Ashby app state: fields from the hiring system, source stays html', () => {
    const app = { posting: { title: 'Product Designer', descriptionHtml: `<p>${longText}</p>`, publishedDate: '2026-11-01', locationName: 'Lisbon, Portugal', workplaceType: 'Hybrid' },
      organization: { name: 'Moonpath' } };
    const p = parsePosting(page('<title>Moonpath</title>', `<div id="root"></div><script>window.__appData = ${JSON.stringify(app)};</script>`));
    expect(p.structuredData.source).toBe('html');
    expect(p.structuredData.fields).toMatchObject({ title: 'hiring-system', company: 'hiring-system', location: 'hiring-system',
      workplace: 'hiring-system', datePosted: 'hiring-system', description: 'hiring-system' });
  });

  it('pasted text: everything from the text', () => {
    const p = parseText(`Location: Austin, TX\n\n${longText}\n\nSalary: $120k-$150k`, { title: 'Senior Python Engineer' });
    expect(p.structuredData.fields).toEqual({ title: 'text', location: 'text', salary: 'text', description: 'text' });
  });
});

describe('hiringOrganization given as plain text', () => {
  const ld = {
    '@context': 'https://schema.org', '@type': 'JobPosting', title: 'Bookkeeper', datePosted: '2026-11-02',
    hiringOrganization: 'Harrow & Pike Ltd', description: `<p>${longText}</p>`,
    jobLocation: { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: 'York', addressCountry: 'GB' } },
  };

  it('still gives the company, from the markup', () => {
    const p = parsePosting(page(ldScript(ld), '<h1>Bookkeeper</h1>'));
    expect(p.company).toBe('Harrow & Pike Ltd');
    expect(p.structuredData.fields?.company).toBe('json-ld');
    expect(fromJobPosting({ ...ld, hiringOrganization: ['Harrow & Pike Ltd'] }).company).toBe('Harrow & Pike Ltd');
  });

  it('warns that Google expects an Organization', () => {
    const issues = parsePosting(page(ldScript(ld), '<h1>Bookkeeper</h1>')).structuredData.issues;
    expect(issues).toContainEqual(expect.objectContaining({ property: 'hiringOrganization', severity: 'warning' }));
    expect(issues.find((i) => i.property === 'hiringOrganization')!.message).toMatch(/Organization/);
    expect(issues.some((i) => i.severity === 'error' && i.property.startsWith('hiringOrganization'))).toBe(false);
  });

  it('an Organization object gets no such warning', () => {
    const issues = fromJobPosting({ ...ld, hiringOrganization: { '@type': 'Organization', name: 'Harrow & Pike Ltd' } }).structuredData.issues;
    expect(issues.some((i) => i.property.startsWith('hiringOrganization'))).toBe(false);
  });
});
