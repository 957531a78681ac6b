// Bad input never crashes or hangs a feed run: a document is refused with FeedError, a bad item
// is skipped with a reason, and nothing else escapes parseFeed or detectFeedKind.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectFeedKind, FEED_KINDS, FeedError, MAX_FEED_CHARS, parseFeed, type FeedKind } from '../../../src/ingest/feeds/index.ts';
import { fixture } from './fixture.ts';

const url = 'https://feeds.example/feed';

const FIXTURES: [string, FeedKind][] = [
  ['greenhouse-jobs.json', 'greenhouse'],
  ['lever-postings.json', 'lever'],
  ['ashby-job-board.json', 'ashby'],
  ['workable-widget.json', 'workable'],
  ['smartrecruiters-postings.json', 'smartrecruiters'],
  ['recruitee-offers.json', 'recruitee'],
  ['personio.xml', 'personio'],
  ['teamtailor-jobs.json', 'teamtailor'],
  ['json-feed.json', 'json-feed'],
  ['rss.xml', 'rss'],
  ['atom.xml', 'atom'],
  ['sitemap.xml', 'sitemap'],
];

/** Runs parseFeed and reports what happened: a page, a FeedError, or anything else (a bug). */
function outcome(kind: FeedKind, body: string): 'page' | 'feed-error' | string {
  try {
    const page = parseFeed(kind, body, { url });
    expect(Array.isArray(page.items) && Array.isArray(page.errors)).toBe(true);
    return 'page';
  } catch (err) {
    return err instanceof FeedError ? 'feed-error' : `crash: ${String(err)}`;
  }
}

describe('parseFeed on bad documents', () => {
  it.each(FEED_KINDS.map((k) => [k]))('%s refuses empty and blank bodies', (kind) => {
    expect(outcome(kind, '')).toBe('feed-error');
    expect(outcome(kind, ' \n\t')).toBe('feed-error');
    expect(outcome(kind, '\uFEFF')).toBe('feed-error');
  });

  it.each(FIXTURES)('%s truncated anywhere is refused, never read as a shorter feed', (name, kind) => {
    const body = fixture(name).trimEnd();
    for (let cut = 1; cut < body.length - 1; cut += Math.max(1, Math.floor(body.length / 97))) {
      expect([cut, outcome(kind, body.slice(0, cut))]).toEqual([cut, 'feed-error']);
    }
  });

  it('refuses every fixture read as a kind it is not, or reads it without crashing', () => {
    for (const [name, own] of FIXTURES) {
      for (const kind of FEED_KINDS) {
        const result = outcome(kind, fixture(name));
        expect([name, kind, result.startsWith('crash') ? result : 'ok']).toEqual([name, kind, 'ok']);
        // Formats that share no shape refuse each other outright.
        if (kind !== own && !(['json-feed', 'teamtailor'].includes(kind) && ['json-feed', 'teamtailor'].includes(own))) {
          expect([name, kind, result]).toEqual([name, kind, 'feed-error']);
        }
      }
    }
  });

  it('refuses a kind it does not know (callers pass what they read from storage)', () => {
    expect(outcome('workday' as FeedKind, fixture('greenhouse-jobs.json'))).toBe('feed-error');
    expect(() => parseFeed('__proto__' as FeedKind, '{}', { url })).toThrow(/unknown feed kind/);
  });

  it('refuses a body over the size cap before parsing it', () => {
    const huge = '['.padEnd(MAX_FEED_CHARS + 1, ' ');
    expect(outcome('lever', huge)).toBe('feed-error');
    expect(outcome('rss', `<rss>${huge}`)).toBe('feed-error');
    expect(detectFeedKind({ url, contentType: null, body: huge })).toBeNull();
  });

  it('survives deeply nested JSON and XML', () => {
    const depth = 50_000;
    const deepJson = '['.repeat(depth) + ']'.repeat(depth);
    for (const kind of ['lever', 'greenhouse', 'json-feed'] as const) expect(outcome(kind, deepJson)).not.toMatch(/^crash/);
    const nestedJob = `{"jobs":[{"absolute_url":"https://x.example/1","title":"T","content":${deepJson}}]}`;
    expect(outcome('greenhouse', nestedJob)).toBe('page');
    const deepPosting = `{"version":"https://jsonfeed.org/version/1.1","items":[{"url":"https://x.example/1","_jobposting":{"description":"d","a":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}}]}`;
    const page = parseFeed('teamtailor', deepPosting, { url });
    expect(page.items[0]!.jobPosting!['description']).toBe('d');
    const deepXml = '<rss>' + '<a>'.repeat(10_000) + '</a>'.repeat(10_000) + '</rss>';
    expect(outcome('rss', deepXml)).toBe('feed-error');
  });

  it('expands no entity bomb and reads no external entity', () => {
    const laughs = ['<!ENTITY l0 "ha">']
      .concat(Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`))
      .join('');
    const bomb = `<?xml version="1.0"?><!DOCTYPE rss [${laughs}]><rss><channel><item><title>&l9;</title><link>https://x.example/1</link></item></channel></rss>`;
    const started = Date.now();
    const result = outcome('rss', bomb);
    expect(Date.now() - started).toBeLessThan(2_000);
    if (result === 'page') expect((parseFeed('rss', bomb, { url }).items[0]?.title ?? '').length).toBeLessThan(1_000);
    else expect(result).toBe('feed-error');
    const xxe = '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><item><title>&x;</title><link>https://x.example/1</link></item></channel></rss>';
    const xxeResult = outcome('rss', xxe);
    if (xxeResult === 'page') expect(parseFeed('rss', xxe, { url }).items[0]?.title ?? '').not.toContain('root:');
    else expect(xxeResult).toBe('feed-error');
  });
});

describe('hostile markup', () => {
  const n = 100_000;
  it.each([
    ['unterminated comments', '<!--'.repeat(n)],
    ['unterminated DOCTYPE subsets', '<!DOCTYPE ['.repeat(n)],
    ['unterminated processing instructions', '<?'.repeat(n)],
    ['open tags', '<a '.repeat(n)],
    ['unterminated CDATA', '<rss><![CDATA['.repeat(n)],
    ['bare ampersands', `<rss>${'&aaaa'.repeat(n)}</rss>`],
    ['an escaped-markup Atom title', `<feed><entry><title type="html">${'&lt;'.repeat(n)}</title><link href="https://x.example/1"/></entry></feed>`],
    ['a whitespace-padded Greenhouse location', JSON.stringify({ jobs: [{ absolute_url: 'https://x.example/1', title: 't', location: { name: `a${' '.repeat(n)}b` } }] })],
  ])('%s: detected and parsed (or refused) in linear time', (_name, body) => {
    const started = Date.now();
    detectFeedKind({ url, contentType: null, body });
    for (const kind of FEED_KINDS) expect(outcome(kind, body)).not.toMatch(/^crash/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('parseFeed on bad items', () => {
  it('refuses a document whose entries are all unreadable, rather than report an empty feed', () => {
    expect(() => parseFeed('greenhouse', '{"jobs": [{}, {"title": "no url"}]}', { url })).toThrow(/no readable greenhouse item among 2 entries/);
    expect(parseFeed('greenhouse', '{"jobs": []}', { url }).items).toEqual([]);
  });

  it('skips items of the wrong shape with a reason each', () => {
    const body = JSON.stringify({ jobs: [{}, null, [], 7, { absolute_url: 5 }, { absolute_url: 'javascript:alert(1)' }, { absolute_url: 'https://x.example/ok' }] });
    const page = parseFeed('greenhouse', body, { url });
    expect(page.items.map((i) => i.url)).toEqual(['https://x.example/ok']);
    expect(page.errors).toHaveLength(6);
    expect(page.errors.every((e) => /^item \d+: /.test(e))).toBe(true);
  });

  it('does not let a "__proto__" key reach any prototype', () => {
    const body = '{"version":"https://jsonfeed.org/version/1","items":[{"url":"https://x.example/1","_jobposting":{"__proto__":{"polluted":true},"description":"d"}}]}';
    const page = parseFeed('json-feed', body, { url });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(page.items[0]!.jobPosting)).toBe(Object.prototype);
    expect((page.items[0]!.jobPosting as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('reads a long XML feed full of ordinary entity references', () => {
    const items = Array.from({ length: 3_000 }, (_, i) => `<item><title>R&amp;D engineer &#8211; ${i}</title><link>https://x.example/${i}?a=1&amp;b=2</link></item>`);
    const page = parseFeed('rss', `<rss><channel>${items.join('')}</channel></rss>`, { url });
    expect(page.items).toHaveLength(3_000);
    expect(page.items[2_999]).toMatchObject({ title: 'R&D engineer \u2013 2999', url: 'https://x.example/2999?a=1&b=2' });
  });

  it('reads many items quickly enough for a nightly run', () => {
    const job = JSON.parse(fixture('greenhouse-jobs.json')).jobs[0];
    const jobs = Array.from({ length: 20_000 }, (_, i) => ({ ...job, id: i, absolute_url: `https://x.example/jobs/${i}` }));
    const page = parseFeed('greenhouse', JSON.stringify({ jobs }), { url });
    expect(page.items).toHaveLength(20_000);
    expect(page.errors).toEqual([]);
  });
});

describe('properties on arbitrary input', () => {
  const xmlish = fc.array(fc.constantFrom('<rss>', '<channel>', '<item>', '</item>', '<link>', 'https://x.example/', '</link>', '<feed>', '<entry>', '<urlset>', '<url>', '<loc>', '&amp;', '&#x41;', '<![CDATA[', ']]>', '<!--', '-->', '"', 'a', ' '), { maxLength: 60 }).map((parts) => parts.join(''));
  const bodies = fc.oneof(fc.string({ maxLength: 300 }), fc.json({ maxDepth: 6 }), xmlish);

  it('parseFeed returns a page or throws FeedError, for every kind', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FEED_KINDS), bodies, (kind, body) => {
        expect(outcome(kind, body)).not.toMatch(/^crash/);
      }),
      { numRuns: 1_500 },
    );
  });

  it('parseFeed reads any JSON inside each API envelope without crashing', () => {
    const envelopes: [FeedKind, (items: unknown[]) => unknown][] = [
      ['greenhouse', (jobs) => ({ jobs })],
      ['lever', (postings) => postings],
      ['ashby', (jobs) => ({ jobs })],
      ['workable', (jobs) => ({ name: 'n', jobs })],
      ['smartrecruiters', (content) => ({ offset: 0, limit: 10, totalFound: 99, content })],
      ['recruitee', (offers) => ({ offers })],
      ['teamtailor', (items) => ({ version: 'https://jsonfeed.org/version/1.1', items })],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...envelopes), fc.array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 8 }), ([kind, wrap], items) => {
        const body = JSON.stringify(wrap(items));
        const result = outcome(kind, body);
        expect(result).not.toMatch(/^crash/);
        if (result === 'page') {
          const page = parseFeed(kind, body, { url });
          expect(page.items.length + page.errors.length).toBeLessThanOrEqual(items.length);
        } else {
          expect(items.length).toBeGreaterThan(0); // an empty list is a valid, empty feed
        }
      }),
      { numRuns: 700 },
    );
  });

  it('detectFeedKind never throws and names a kind parseFeed accepts', () => {
    fc.assert(
      fc.property(bodies, fc.option(fc.string({ maxLength: 40 })), (body, contentType) => {
        const kind = detectFeedKind({ url, contentType, body });
        if (kind !== null) {
          expect(FEED_KINDS).toContain(kind);
          expect(outcome(kind, body)).not.toMatch(/^crash/);
        }
      }),
      { numRuns: 1_500 },
    );
  });
});
