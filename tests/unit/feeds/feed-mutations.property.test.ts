// Real feeds, mutated: one entry of each fixture gets a field of any JSON type, an odd text, a
// dropped or doubled element. The rest of the feed must still be read (a bad item is skipped
// with a reason, it never costs the document), and no adapter may fail in a way parseFeed only
// catches as "could not be read" (an exception the adapter did not anticipate).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FeedError, parseFeed, type FeedKind, type FeedPage } from '../../../src/ingest/feeds/index.ts';
import { fixture } from './fixture.ts';

const url = 'https://feeds.example/feed';

type Outcome = { page: FeedPage } | { error: string };

function run(kind: FeedKind, body: string): Outcome {
  try {
    return { page: parseFeed(kind, body, { url }) };
  } catch (err) {
    if (!(err instanceof FeedError)) throw err;
    // parseFeed turns any other exception of an adapter into this FeedError: that is a crash.
    expect(err.message).not.toMatch(/feed could not be read/);
    return { error: err.message };
  }
}

/** The item list inside each JSON envelope. */
const JSON_FIXTURES: Array<[string, FeedKind, (doc: any) => unknown[]]> = [
  ['greenhouse-jobs.json', 'greenhouse', (d) => d.jobs],
  ['lever-postings.json', 'lever', (d) => d],
  ['ashby-job-board.json', 'ashby', (d) => d.jobs],
  ['workable-widget.json', 'workable', (d) => d.jobs],
  ['smartrecruiters-postings.json', 'smartrecruiters', (d) => d.content],
  ['recruitee-offers.json', 'recruitee', (d) => d.offers],
  ['teamtailor-jobs.json', 'teamtailor', (d) => d.items],
  ['json-feed.json', 'json-feed', (d) => d.items],
];

const XML_FIXTURES: Array<[string, FeedKind]> = [
  ['rss.xml', 'rss'],
  ['neogov-rss.xml', 'rss'],
  ['rss1-rdf.xml', 'rss'],
  ['atom.xml', 'atom'],
  ['sitemap.xml', 'sitemap'],
  ['sitemap-index.xml', 'sitemap'],
  ['personio.xml', 'personio'],
];

type Path = Array<string | number>;

/** Every path inside a JSON value, the value itself included (as []). */
function paths(v: unknown, at: Path = []): Path[] {
  const here = [at];
  if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) here.push(...paths(c, [...at, Array.isArray(v) ? Number(k) : k]));
  return here;
}

// Values that break naive adapters: wrong types, empty, huge, odd numbers and strings.
const oddValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, '', ' ', 0, -1, 1e309, '1e309', 'NaN', [], {}, [[]], { '@type': 'JobPosting' }, 'javascript:alert(1)', '//evil.example/x', 'http://', '2026-13-45', '\u0000', '\ud800', 'x'.repeat(100_000)),
);

describe('JSON feeds with one entry mutated', () => {
  it.each(JSON_FIXTURES)('%s: the other entries are still read, and nothing crashes', (name, kind, itemsOf) => {
    const original = fixture(name);
    const baseline = run(kind, original);
    if (!('page' in baseline)) throw new Error(`${name} does not parse: ${baseline.error}`);
    const n = baseline.page.items.length;
    expect(n).toBeGreaterThanOrEqual(2);
    fc.assert(
      fc.property(fc.nat(), fc.nat(), oddValue, (entryPick, pathPick, value) => {
        const doc = JSON.parse(original);
        const entries = itemsOf(doc) as unknown[];
        const i = entryPick % entries.length;
        const inside = paths(entries[i]);
        const p = inside[pathPick % inside.length]!;
        if (p.length === 0) entries[i] = value;
        else {
          let o = entries[i] as Record<string | number, unknown>;
          for (const k of p.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
          o[p[p.length - 1]!] = value;
        }
        const out = run(kind, JSON.stringify(doc));
        expect('page' in out, `${name} entry ${i} at ${p.join('.')}: ${'error' in out ? out.error : ''}`).toBe(true);
        if ('page' in out) expect(out.page.items.length).toBeGreaterThanOrEqual(n - 1);
      }),
      { numRuns: 150 },
    );
  });
});

describe('XML feeds with one element mutated', () => {
  const LEAF = /<([A-Za-z][\w:.-]*)((?:\s[^<>]*?)?)>([^<]*|<!\[CDATA\[[\s\S]*?\]\]>)<\/\1>/g;
  const ATTRIBUTE = /(\s[\w:.-]+=")([^"]*)(")/g;
  // XML 1.0 cannot carry most control characters even escaped; everything else is escaped.
  const escape = (s: string) => s.replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd]/gu, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const oddText = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.constantFrom('', ' ', '-1', '1e309', 'javascript:alert(1)', '//x', 'http://', '2026-13-45', '<b>x</b>', '&amp;', 'x'.repeat(50_000)));
  const mutation = fc.record({ op: fc.constantFrom('text', 'attribute', 'drop', 'double'), pick: fc.nat(), text: oddText });

  it.each(XML_FIXTURES)('%s: still read (or, with a single item lost, refused as empty), never a crash', (name, kind) => {
    const original = fixture(name);
    const baseline = run(kind, original);
    if (!('page' in baseline)) throw new Error(`${name} does not parse: ${baseline.error}`);
    const n = baseline.page.items.length;
    const leaves = [...original.matchAll(LEAF)];
    const attributes = [...original.matchAll(ATTRIBUTE)];
    expect(leaves.length).toBeGreaterThan(3);
    fc.assert(
      fc.property(mutation, ({ op, pick, text }) => {
        let body: string;
        if (op === 'attribute' && attributes.length > 0) {
          const a = attributes[pick % attributes.length]!;
          body = original.slice(0, a.index) + a[1] + escape(text) + a[3] + original.slice(a.index! + a[0].length);
        } else {
          const l = leaves[pick % leaves.length]!;
          const replacement = op === 'drop' ? '' : op === 'double' ? l[0] + l[0] : `<${l[1]}${l[2]}>${escape(text)}</${l[1]}>`;
          body = original.slice(0, l.index) + replacement + original.slice(l.index! + l[0].length);
        }
        const out = run(kind, body);
        if ('page' in out) expect(out.page.items.length).toBeGreaterThanOrEqual(n - 1);
        // Losing the one readable item of a one-item feed is refused rather than read as empty.
        else expect([n, out.error]).toEqual([1, expect.stringMatching(/^no readable/)]);
      }),
      { numRuns: 150 },
    );
  });
});

describe('every fixture with random characters changed', () => {
  const ALL: Array<[string, FeedKind]> = [...JSON_FIXTURES.map(([n, k]) => [n, k] as [string, FeedKind]), ...XML_FIXTURES];
  it('gives a page or a FeedError that says what is wrong, for any edit anywhere', () => {
    const edit = fc.record({ at: fc.nat(), cut: fc.nat({ max: 8 }), insert: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('"', '<', '>', '&', '{', '}', '[', ']', ',', ':', '\\', '\u0000', '<![CDATA[', '<!--')) });
    fc.assert(
      fc.property(fc.constantFrom(...ALL), fc.array(edit, { minLength: 1, maxLength: 3 }), ([name, kind], edits) => {
        let body = fixture(name);
        for (const e of edits) {
          const at = e.at % (body.length + 1);
          body = body.slice(0, at) + e.insert + body.slice(at + e.cut);
        }
        const out = run(kind, body);
        if ('error' in out) expect(out.error.length).toBeGreaterThan(5);
      }),
      { numRuns: 500 },
    );
  });
});

describe('over-long item URLs', () => {
  it('skips an item whose URL is longer than 2048 characters, with a reason, and keeps the others', () => {
    const long = `https://jobs.example.com/${'x'.repeat(2_048)}`;
    const body = JSON.stringify({ jobs: [{ absolute_url: 'https://jobs.example.com/1', title: 'A' }, { absolute_url: long, title: 'B' }] });
    const page = parseFeed('greenhouse', body, { url });
    expect(page.items.map((i) => i.url)).toEqual(['https://jobs.example.com/1']);
    expect(page.errors).toEqual([expect.stringMatching(/^item 2: URL longer than 2048 characters/)]);
  });
});
