import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../../src/api/auth/manage-keys.ts';
import { createLogger } from '../../../src/logger.ts';
import { createMetrics } from '../../../src/metrics.ts';
import { startApi } from '../../../src/runtime.ts';
import type { Running } from '../../../src/runtime.ts';
import { testConfig } from '../../helpers/services.ts';
import { startTestStack } from '../../helpers/stack.ts';
import type { TestStack } from '../../helpers/stack.ts';

// Every route that takes a JSON body (feeds, taxonomy admin, postings, queue replays), with each
// string in a valid body replaced by one holding a NUL character (Postgres cannot store it) or by
// a long incompressible one (past what an index entry can hold): a clear 4xx naming the problem,
// never a 5xx, a stack trace or SQL. Then API keys that are SQL, huge or malformed.

let api: TestStack;
let feedId: number;
const LEAKS = /\bat [\w.<>]+ \(|node_modules|\bselect\b.*\bfrom\b|\binsert into\b|syntax error|postgres|index row|ZodError|TypeError/i;

interface BodyRoute {
  method: string;
  /** the path as the OpenAPI document writes it */
  template: string;
  path: () => string;
  body: unknown;
  /** string fields whose NUL characters are dropped on purpose (pasted content), not refused */
  nulStripped?: string[];
  /** a NUL here is harmless and answered as any unknown value (job ids only look up Redis) */
  nulUnknown?: boolean;
}

const ROUTES: BodyRoute[] = [
  { method: 'POST', template: '/api/v1/postings', path: () => '/api/v1/postings', body: { url: 'https://jobs.example.com/1' } },
  { method: 'POST', template: '/api/v1/postings', path: () => '/api/v1/postings', body: { urls: ['https://jobs.example.com/2', 'https://jobs.example.com/3'] } },
  { method: 'POST', template: '/api/v1/postings', path: () => '/api/v1/postings', body: { text: 'Data engineer: Python and SQL.', title: 'Data Engineer', url: 'https://jobs.example.com/4' }, nulStripped: ['text', 'title'] },
  { method: 'POST', template: '/api/v1/postings', path: () => '/api/v1/postings', body: { html: '<h1>Nurse</h1><p>Care for patients.</p>', url: 'https://jobs.example.com/5' }, nulStripped: ['html'] },
  { method: 'POST', template: '/api/v1/feeds', path: () => '/api/v1/feeds', body: { url: 'https://jobs.example.org/feed.rss', kind: 'rss', name: 'Example', cron: '0 3 * * *', timezone: 'Europe/Berlin', urlFilter: '/jobs?/' } },
  { method: 'PATCH', template: '/api/v1/feeds/{id}', path: () => `/api/v1/feeds/${feedId}`, body: { name: 'Renamed', cron: '0 4 * * *', timezone: 'UTC', urlFilter: '/careers/' } },
  { method: 'PUT', template: '/api/v1/taxonomy/skills/{id}', path: () => '/api/v1/taxonomy/skills/zig', body: { name: 'Zig', category: 'language', aliases: ['zig lang'], exactAliases: ['Zig'], contextAliases: ['ziglang'] } },
  { method: 'PUT', template: '/api/v1/taxonomy/roles/{id}', path: () => '/api/v1/taxonomy/roles/zig-dev', body: { name: 'Zig developer', description: 'Writes Zig.', titles: ['zig developer'] } },
  { method: 'PUT', template: '/api/v1/taxonomy', path: () => '/api/v1/taxonomy', body: { roles: [{ id: 'r1', name: 'Role', description: '', titles: ['role one'] }], skills: [{ id: 's1', name: 'Skill', category: 'c', aliases: ['skill one'] }] } },
  { method: 'POST', template: '/api/v1/queues/{name}/failed/retry', path: () => '/api/v1/queues/analyze/failed/retry', body: { ids: ['1', '2'] }, nulUnknown: true },
];

type Path = Array<string | number>;

/** The paths of every string in a JSON value. */
function stringPaths(v: unknown, at: Path = []): Path[] {
  if (typeof v === 'string') return [at];
  if (Array.isArray(v)) return v.flatMap((x, i) => stringPaths(x, [...at, i]));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => stringPaths(x, [...at, k]));
  return [];
}

function replaced(body: unknown, path: Path, f: (s: string) => string): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let o = copy;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  o[last] = f(o[last] as string);
  return copy;
}

async function send(method: string, path: string, body: unknown) {
  const res = await fetch(api.url + path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', text };
}

function expectClearRefusal(r: { status: number; type: string; text: string }, what: string): void {
  expect(r.status, `${what} -> ${r.status} ${r.text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(r.status, what).toBeLessThan(500);
  expect(r.type, what).toContain('application/problem+json');
  const problem = JSON.parse(r.text) as { detail?: string };
  expect(problem.detail, what).toBeTruthy();
  expect(r.text.replaceAll('\\u0000', ''), what).not.toMatch(LEAKS);
}

beforeAll(async () => {
  api = await startTestStack({ worker: false });
  const feed = await api.call('POST', '/api/v1/feeds', { url: 'https://jobs.example.org/existing.rss', kind: 'rss' });
  expect(feed.status).toBe(201);
  feedId = feed.body.data.id;
});
afterAll(() => api?.close());

describe('JSON bodies with NUL characters and huge strings', () => {
  it('the table above covers every operation that takes a body', async () => {
    const doc = (await api.call('GET', '/api/v1/openapi.json')).body as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
    const withBody = Object.entries(doc.paths).flatMap(([p, ops]) => Object.entries(ops).filter(([, op]) => op.requestBody).map(([m]) => `${m.toUpperCase()} ${p}`));
    expect(new Set(ROUTES.map((r) => `${r.method} ${r.template}`))).toEqual(new Set(withBody));
  });

  it('each valid body is accepted, so the refusals below are about the one bad string', async () => {
    for (const r of ROUTES) {
      const res = await send(r.method, r.path(), r.body);
      expect(res.status, `${r.method} ${r.template}: ${res.text.slice(0, 300)}`).toBeLessThan(300);
    }
  });

  it('a NUL in any string is refused with a 400 (or dropped from pasted content), never a 5xx', async () => {
    let refused = 0;
    for (const r of ROUTES) {
      for (const path of stringPaths(r.body)) {
        const what = `${r.method} ${r.template} ${path.join('.')}`;
        const res = await send(r.method, r.path(), replaced(r.body, path, (s) => `${s.slice(0, 3)}\u0000${s.slice(3)}`));
        if (r.nulStripped?.includes(String(path[0]))) {
          expect(res.status, `${what}: ${res.text.slice(0, 300)}`).toBeLessThan(300);
          expect(res.text, what).not.toContain('\\u0000');
        } else if (r.nulUnknown) {
          expect(res, what).toMatchObject({ status: 202, text: JSON.stringify({ data: { retried: 0 }, meta: {} }) });
        } else {
          expectClearRefusal(res, what);
          expect(res.status, what).toBe(400);
          refused++;
        }
      }
    }
    expect(refused).toBeGreaterThan(20);
  });

  it('a string too long to store is refused with a 4xx, never a 5xx', async () => {
    // Base64 of random bytes does not compress, so Postgres cannot squeeze it into an index entry.
    const long = randomBytes(24_000).toString('base64');
    const nonAscii = 'é'.repeat(2_000); // short enough for a URL field, but 12 KB once percent-encoded
    for (const r of ROUTES) {
      for (const path of stringPaths(r.body)) {
        if (r.nulStripped?.includes(String(path[0]))) continue; // pasted content may be long; hostile-input tests the body cap
        for (const [name, f] of [['long', (s: string) => s + long], ['non-ASCII', (s: string) => s + nonAscii]] as const) {
          const res = await send(r.method, r.path(), replaced(r.body, path, f));
          const what = `${r.method} ${r.template} ${path.join('.')} (${name})`;
          expect(res.status, `${what}: ${res.text.slice(0, 300)}`).toBeLessThan(500);
          if (res.status >= 400) expectClearRefusal(res, what);
        }
      }
    }
  });

  it('names the cause: the field for a URL over 2048 characters, NUL for a NUL', async () => {
    const longUrl = await api.call('POST', '/api/v1/postings', { url: `https://jobs.example.com/${'x'.repeat(2_100)}` });
    expect(longUrl).toMatchObject({ status: 400, body: { detail: expect.stringMatching(/^body\.url: /) } });
    const feedUrl = await api.call('POST', '/api/v1/feeds', { url: `https://jobs.example.org/${'x'.repeat(2_100)}`, kind: 'rss' });
    expect(feedUrl).toMatchObject({ status: 400, body: { detail: expect.stringMatching(/^body\.url: /) } });
    const nul = await api.call('PUT', '/api/v1/taxonomy/roles/nul-role', { name: 'N\u0000', description: '' });
    expect(nul).toMatchObject({ status: 400, body: { detail: expect.stringContaining('NUL') } });
  });

  it('changed nothing with a refused body: the feed is as the last valid PATCH left it', async () => {
    const feed = await api.call('GET', `/api/v1/feeds/${feedId}`);
    expect(feed.body.data).toMatchObject({ name: 'Renamed', cron: '0 4 * * *', timezone: 'UTC', urlFilter: '/careers/' });
    const feeds = await api.call('GET', '/api/v1/feeds');
    expect(feeds.body.data.every((f: { url: string }) => f.url.length <= 2_048)).toBe(true);
  });
});

describe('hostile API keys', () => {
  let authed: Running & { url: string };

  beforeAll(async () => {
    authed = await startApi(testConfig(api.db, api.prefix, { AUTH_ENABLED: 'true', AUTH_CACHE_MS: '0', RATE_LIMIT_PER_MINUTE: '0' }), createLogger('silent'), createMetrics());
  });
  afterAll(() => authed?.close());

  it('answers SQL, huge, malformed and almost-right keys with the same 401, never a 5xx', async () => {
    const { key } = await createApiKey(api.db.sql, { name: 'reader', scopes: ['read'] });
    const [, keyPrefix] = /^(rr_[^_]+)_/.exec(key) ?? [];
    const hostile = [
      "' or 1=1 --",
      `${keyPrefix}_' or '1'='1`,
      `rr_' or 1=1 --_${'a'.repeat(64)}`,
      `rr_${'0'.repeat(4_000)}_${'a'.repeat(4_000)}`,
      'rr__',
      '%00',
      key.replace(/_/g, '%5F'),
      `${key} ${key}`,
    ];
    const answers = [];
    for (const k of hostile) {
      for (const header of [{ authorization: `Bearer ${k}` }, { 'x-api-key': k }] as Array<Record<string, string>>) {
        const res = await fetch(`${authed.url}/api/v1/trends/roles`, { headers: header });
        const text = await res.text();
        expect(res.status, `${JSON.stringify(header).slice(0, 80)}: ${text.slice(0, 200)}`).toBe(401);
        expect(text).not.toMatch(LEAKS);
        answers.push(text);
      }
    }
    expect(new Set(answers).size).toBe(1);
    // The real key still works: nothing above disturbed the key table.
    expect((await fetch(`${authed.url}/api/v1/trends/roles`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
  });
});
