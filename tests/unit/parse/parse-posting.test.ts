import { describe, expect, it } from 'vitest';
import { ParseError, fromJobPosting, parsePosting, parseText } from '../../../src/ingest/parse/index.ts';

const ld = {
  '@context': 'https://schema.org/', '@type': 'JobPosting', title: 'Machine Learning Engineer',
  datePosted: '2026-10-01', employmentType: 'FULL_TIME',
  hiringOrganization: { '@type': 'Organization', name: 'Quillfeather Analytics' },
  jobLocation: { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: 'Austin', addressRegion: 'TX', addressCountry: 'US' } },
  baseSalary: { '@type': 'MonetaryAmount', currency: 'USD', value: { '@type': 'QuantitativeValue', minValue: 150000, maxValue: 185000, unitText: 'YEAR' } },
  description: '<p>Train and ship models.</p><h3>Requirements</h3><ul><li>Python and pandas</li><li>PyTorch in production</li></ul><h3>Nice to have</h3><ul><li>AWS SageMaker</li></ul>',
};

const sectionText = (p: { description: string; sections: Array<{ kind: string; start: number; end: number }> }, kind: string) =>
  p.sections.filter((s) => s.kind === kind).map((s) => p.description.slice(s.start, s.end));

describe('parsePosting with JSON-LD', () => {
  const page = `<!doctype html><html><head><title>ML Engineer</title><script type="application/ld+json">${JSON.stringify(ld)}</script></head><body><h1>Machine Learning Engineer</h1></body></html>`;
  const p = parsePosting(page, { url: 'https://careers.example.org/jobs/ml-engineer' });

  it('takes the fields from the JobPosting', () => {
    expect(p.title).toBe('Machine Learning Engineer');
    expect(p.company).toBe('Quillfeather Analytics');
    expect(p.location).toEqual({ raw: 'Austin, TX, US', city: 'Austin', region: 'TX', country: 'US' });
    expect(p.employmentType).toBe('full-time');
    expect(p.datePosted).toBe('2026-10-01');
    expect(p.salary).toEqual({ min: 150000, max: 185000, currency: 'USD', period: 'year', annualMin: 150000, annualMax: 185000 });
    expect(p.structuredData.source).toBe('json-ld');
  });

  it('keeps list items on their own lines and finds sections with exact offsets', () => {
    expect(p.description).toContain('Python and pandas\nPyTorch in production');
    expect(sectionText(p, 'requirements')[0]).toBe('Requirements\n\nPython and pandas\nPyTorch in production');
    expect(sectionText(p, 'preferred')[0]).toBe('Nice to have\n\nAWS SageMaker');
  });

  it('reports recommended properties that are missing', () => {
    const props = p.structuredData.issues.map((i) => i.property);
    expect(props).toEqual(expect.arrayContaining(['validThrough', 'identifier']));
    expect(p.structuredData.issues.every((i) => i.severity === 'warning')).toBe(true);
  });
});

describe('parsePosting on plain HTML', () => {
  const page = '<!doctype html><html><head><title>Backend Developer (FastAPI) | Example Jobs</title></head><body><nav>Jobs</nav><main><h1>Backend Developer (FastAPI)</h1><p>Remote within Europe. €70,000 - €85,000 per year.</p><h2>What you will do</h2><ul><li>Build REST APIs with FastAPI and PostgreSQL</li></ul><h2>You have</h2><ul><li>3+ years of Python</li></ul></main><footer>About us</footer></body></html>';
  const p = parsePosting(page);

  it('reads title, workplace and salary and drops nav and footer', () => {
    expect(p.title).toBe('Backend Developer (FastAPI)');
    expect(p.workplace).toBe('remote');
    expect(p.salary).toMatchObject({ min: 70000, max: 85000, currency: 'EUR', period: 'year' });
    expect(p.description).not.toContain('About us');
    expect(p.description.startsWith('Jobs')).toBe(false);
    expect(sectionText(p, 'responsibilities')[0]).toContain('Build REST APIs');
    expect(sectionText(p, 'requirements')[0]).toContain('3+ years of Python');
  });

  it('says the page has no JobPosting markup', () => {
    expect(p.structuredData).toMatchObject({ source: 'html', issues: [{ property: 'JobPosting', severity: 'error' }] });
  });

  it('takes a place from the line under the title, and never a sentence that has a comma', () => {
    const under = (line: string) => parsePosting(`<html><body><main><h1>Python Developer</h1><p>${line}</p><p>Build services in Django for our customers every day.</p></main></body></html>`);
    expect(under('Frankfurt am Main, Germany · Hybrid · Full-time').location).toMatchObject({ city: 'Frankfurt am Main', country: 'DE' });
    expect(under('Austin, TX').location).toMatchObject({ city: 'Austin', region: 'TX' });
    expect(under('We need Django and PostgreSQL experience, 5 years.').location).toBeNull();
    expect(under('Strong Python skills, clear writing').location).toBeNull();
  });

  it("names the employer of a careers site, not the site's name", () => {
    const site = (name: string) => parsePosting(`<html><head><meta property="og:site_name" content="${name}"></head><body><main><h1>Python Developer</h1><p>Build services in Django for our customers every day.</p></main></body></html>`).company;
    expect(site('Acme Careers')).toBe('Acme');
    expect(site('Careers at Acme')).toBe('Acme');
    expect(site('Acme Robotics')).toBe('Acme Robotics');
    expect(site('Example Jobs')).toBeNull();
  });
});

describe('parseText', () => {
  it('splits inline lead-ins into requirement and preferred spans', () => {
    const p = parseText('We automate everything. Required: Docker, Git. A plus: pytest.', { title: 'DevOps Engineer' });
    expect(p.title).toBe('DevOps Engineer');
    expect(p.structuredData).toEqual({ source: 'text', issues: [], fields: { title: 'text', description: 'text' } });
    expect(sectionText(p, 'requirements')).toEqual(['Required: Docker, Git.']);
    expect(sectionText(p, 'preferred')).toEqual(['A plus: pytest.']);
  });
});

describe('fromJobPosting', () => {
  it('normalises a feed item with the given source', () => {
    const p = fromJobPosting({ ...ld, employmentType: ['PART_TIME'] }, { source: 'html' });
    expect(p.employmentType).toBe('part-time');
    expect(p.structuredData.source).toBe('html');
  });
});

describe('bad input', () => {
  it('throws ParseError on empty and binary input only', () => {
    expect(() => parsePosting('')).toThrow(ParseError);
    expect(() => parsePosting('\u0000\u0001\u0002\u0003'.repeat(100))).toThrow(ParseError);
    expect(() => parsePosting('<html><body><div><p>unclosed')).not.toThrow();
  });
});

describe('main content', () => {
  it('drops a similar-jobs list that has no telling class, up to the next heading', () => {
    const p = parsePosting('<html><body><main><h1>Data Analyst</h1><p>Analyse sales data for our 40 stores every week.</p>'
      + '<h2>Similar jobs</h2><ul><li><a href="/1">BI Developer</a></li><li><a href="/2">Data Engineer</a></li></ul>'
      + '<h2>Requirements</h2><ul><li>SQL and Excel</li></ul></main></body></html>');
    expect(p.description).not.toContain('BI Developer');
    expect(p.description).toContain('SQL and Excel');
  });

  it('finds the posting by text density when there is no main or article', () => {
    const links = Array.from({ length: 30 }, (_, i) => `<li><a href="/c/${i}">Category number ${i} of our site</a></li>`).join('');
    const p = parsePosting(`<html><body><div id="side"><ul>${links}</ul></div><div id="c"><div class="x"><h1>Welder</h1>`
      + '<p>We build steel frames for warehouses across the region and need a certified welder.</p>'
      + '<p>You will weld structural steel in our workshop and occasionally on site.</p></div></div></body></html>');
    expect(p.description).toContain('certified welder');
    expect(p.description).not.toContain('Category number');
  });
});

describe('heavy scripts and styles', () => {
  it("cuts a long script at its own end tag on a page holding 'İ' (its lower case is two code units)", () => {
    const script = `<script>${'var x = 1;'.repeat(100)}</script>`;
    const page = `<html><body><main><h1>Python Geliştirici (İstanbul)</h1>${'<p>İ</p>'.repeat(40)}${script}<p>Django ve PostgreSQL ile REST API geliştirme deneyimi.</p></main></body></html>`;
    const p = parsePosting(page);
    expect(p.title).toBe('Python Geliştirici (İstanbul)');
    expect(p.description).toContain('Django ve PostgreSQL ile REST API');
    expect(p.description).not.toContain('var x');
  });
});
