// Bad input never crashes and never hangs: a ParseError for nothing usable, otherwise a partial
// result that says what is missing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError, fromJobPosting, parsePosting, parseText } from '../../../src/ingest/parse/index.ts';

const timed = <T>(fn: () => T, ms: number): T => {
  const t0 = performance.now();
  const out = fn();
  expect(performance.now() - t0).toBeLessThan(ms);
  return out;
};

describe('bad input', () => {
  it.each([['empty', ''], ['whitespace', ' \n\t '], ['binary', '\u0000PNG\u0001\u0002'.repeat(300)], ['replacement characters', '\ufffd'.repeat(2000)]])(
    '%s input throws ParseError', (_n, input) => {
      expect(() => parsePosting(input)).toThrow(ParseError);
      expect(() => parseText(input)).toThrow(ParseError);
    });

  it('a non-string throws ParseError, not a TypeError', () => {
    expect(() => parsePosting(undefined as unknown as string)).toThrow(ParseError);
  });

  it('a page that is not a posting gives a partial result and says there is no JobPosting', () => {
    const p = parsePosting('<html><body><h1>Welcome to our bakery</h1><p>Fresh bread every morning.</p></body></html>');
    expect(p.title).toBe('Welcome to our bakery');
    expect(p.salary).toBeNull();
    expect(p.structuredData.issues[0]).toMatchObject({ property: 'JobPosting', severity: 'error' });
  });

  it('plain text given as a page still parses', () => {
    const p = parsePosting('Senior Engineer wanted. Requirements: Python.');
    expect(p.description).toContain('Requirements: Python.');
  });

  it('a deeply nested page (50,000 levels) does not overflow or hang', () => {
    const html = `<html><body>${'<div>'.repeat(50_000)}<p>Deep text</p>${'</div>'.repeat(50_000)}<h1>Title</h1></body></html>`;
    const p = timed(() => parsePosting(html), 15_000);
    expect(p.title).toBe('Title');
  });

  it.each([
    ['microdata', '<div itemscope itemtype="https://schema.org/JobPosting"><h1 itemprop="title">Deep</h1>', '<div itemscope itemprop="hiringOrganization">'],
    ['rdfa', '<div vocab="https://schema.org/" typeof="JobPosting"><h1 property="title">Deep</h1>', '<div property="hiringOrganization" typeof="Organization">'],
  ])('deeply nested %s items (50,000 levels) do not overflow or hang', (mode, open, nest) => {
    const p = timed(() => parsePosting(`${open}${nest.repeat(50_000)}</div>`), 15_000);
    expect(p.title).toBe('Deep');
    expect(p.structuredData.source).toBe(mode);
  });

  it('a huge page (8 MB) is cut, not parsed forever', () => {
    const para = '<p>Build reliable systems with Python and PostgreSQL for our customers every day.</p>';
    const html = `<html><head><title>Big</title></head><body><main><h1>Big page</h1>${para.repeat(100_000)}</main></body></html>`;
    const p = timed(() => parsePosting(html), 15_000);
    expect(p.title).toBe('Big page');
    expect(p.description.length).toBeGreaterThan(1000);
    // the result says it is partial
    expect(p.structuredData.issues).toContainEqual(expect.objectContaining({ property: 'page', severity: 'warning', message: expect.stringMatching(/only the first 3,000,000/) }));
    expect(parsePosting(para).structuredData.issues.some((i) => i.property === 'page')).toBe(false);
  });

  it.each([
    ['unclosed tag starts', '<a '.repeat(60_000)],
    ['unclosed scripts', '<script>x'.repeat(30_000)],
    ['an unclosed attribute quote', `<p title="${'x'.repeat(200_000)}`],
    ['unclosed comments', '<!-- x'.repeat(30_000)],
  ])('adversarial markup (%s) stays linear, in the page and in a JSON-LD description', (_n, junk) => {
    timed(() => parsePosting(`<html><body><h1>T</h1>${junk}</body></html>`), 15_000);
    const ld = JSON.stringify({ '@type': 'JobPosting', title: 'T', description: junk });
    timed(() => parsePosting(`<script type="application/ld+json">${ld}</script>`), 15_000);
  });

  it('truncated markup and unclosed tags still give the text', () => {
    const p = parsePosting('<html><head><title>Nurse | Acme</title></head><body><main><h1>Nurse</h1><ul><li>Care for patients<li>Keep rec');
    expect(p.title).toBe('Nurse');
    expect(p.description).toContain('Care for patients\nKeep rec');
  });

  it('fromJobPosting tolerates wrong types everywhere', () => {
    const p = fromJobPosting({ title: 42, description: { x: 1 }, hiringOrganization: [], jobLocation: 'nowhere', baseSalary: 'lots', datePosted: {}, employmentType: 7 });
    expect(p.title).toBe('42');
    expect(p.salary).toBeNull();
    expect(p.structuredData.issues.some((i) => i.property === 'datePosted')).toBe(true);
  });

  it('arbitrary strings either parse or throw ParseError, with exact section spans', () => {
    const tags = fc.constantFrom('<p>', '</p>', '<li>', '<ul>', '<h2>', '</h2>', '<br>', '<script>', '</script>', '<main>', '<nav>',
      '<strong>', 'Requirements:', 'Nice to have', '$120k', ' € 50.000 ', '\n', '<!--', '-->', '<script type="application/ld+json">{"@type":"JobPosting",', '&amp;', '&lt;p&gt;');
    const page = fc.array(fc.oneof(fc.string(), tags), { maxLength: 60 }).map((a) => a.join(''));
    fc.assert(fc.property(page, (html) => {
      try {
        const p = parsePosting(html);
        for (const s of p.sections) {
          expect(s.start).toBeGreaterThanOrEqual(0);
          expect(s.end).toBeLessThanOrEqual(p.description.length);
          expect(s.end).toBeGreaterThan(s.start);
        }
      } catch (e) {
        expect(e).toBeInstanceOf(ParseError);
      }
    }), { numRuns: 400 });
  });
});
