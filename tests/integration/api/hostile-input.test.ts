import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack } from '../../helpers/stack.ts';
import type { TestStack } from '../../helpers/stack.ts';

// Every GET route in the OpenAPI document, and POST /postings, fed hostile input: SQL injection,
// odd unicode, huge and negative numbers, wrong types. The answer is never a 5xx, always JSON,
// and never shows a stack trace or SQL.

let api: TestStack;

beforeAll(async () => {
  api = await startTestStack({ worker: false });
});
afterAll(() => api?.close());

const HOSTILE = [
  "' or 1=1 --",
  "'; drop table postings; --",
  '1; select pg_sleep(5)',
  '" onmouseover=alert(1)',
  '../../etc/passwd',
  '%00',
  '\u0000',
  '😀'.repeat(50),
  '9'.repeat(40),
  '-1',
  '0',
  '1e309',
  'NaN',
  '2026-02-30',
  '9999-99-99',
  'true',
  '[]',
  '{}',
  'a'.repeat(5000),
];
const value = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 40 }), fc.integer().map(String), fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)));
const LEAKS = /\bat [\w.<>]+ \(|node_modules|\bselect\b.*\bfrom\b|syntax error|postgres|ZodError|TypeError|undefined is not/i;

async function assertWellFormed(res: Response, what: string): Promise<void> {
  const body = await res.text();
  expect(res.status, `${what} -> ${res.status}: ${body.slice(0, 300)}`).toBeLessThan(500);
  if (res.status === 304 || res.status === 204) return;
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) expect(() => JSON.parse(body), what).not.toThrow();
  if (res.status >= 400) {
    expect(type, what).toContain('application/problem+json');
    expect(body, what).not.toMatch(LEAKS);
  }
}

interface GetRoute {
  path: string;
  query: string[];
}

async function getRoutes(): Promise<GetRoute[]> {
  const doc = (await (await fetch(`${api.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }> }>> };
  return Object.entries(doc.paths)
    .filter(([, ops]) => ops.get)
    .map(([path, ops]) => ({ path, query: (ops.get!.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name) }));
}

describe('hostile input to the API', () => {
  it('every GET route answers any query and path values without a 5xx or a leak', async () => {
    const routes = await getRoutes();
    expect(routes.length).toBeGreaterThan(3);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.array(fc.tuple(fc.nat(20), value), { maxLength: 4 }), value, async (route, params, pathValue) => {
        const path = route.path.replace(/\{[^}]+\}/g, encodeURIComponent(pathValue));
        const names = [...route.query, 'unknown_param'];
        const qs = new URLSearchParams(params.map(([i, v]) => [names[i % names.length]!, v])).toString();
        const res = await fetch(`${api.url}${path}${qs ? `?${qs}` : ''}`);
        await assertWellFormed(res, `GET ${path}?${qs}`);
      }),
      { numRuns: 300 },
    );
  });

  it('POST /postings answers any JSON body without a 5xx or a leak', async () => {
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record({ url: value }),
      fc.record({ urls: fc.array(value, { maxLength: 5 }) }),
      fc.record({ html: value, url: fc.option(value) }),
      fc.record({ text: value, title: fc.option(value) }),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.option(value), async (b, wait) => {
        const res = await fetch(`${api.url}/api/v1/postings${wait === null ? '' : `?wait=${encodeURIComponent(wait)}`}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(b),
        });
        await assertWellFormed(res, `POST ${JSON.stringify(b).slice(0, 200)}`);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a body that is not JSON, and one that is too large', async () => {
    const notJson = await fetch(`${api.url}/api/v1/postings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"url": ' });
    expect(notJson.status).toBe(400);
    await assertWellFormed(notJson, 'truncated JSON');
    const huge = await fetch(`${api.url}/api/v1/postings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'x'.repeat(11 * 1024 * 1024) }) });
    expect(huge.status).toBe(413);
    await assertWellFormed(huge, 'huge body');
  });

  it('stores pasted text holding NUL characters (which Postgres cannot store) without them', async () => {
    const r = await api.call('POST', '/api/v1/postings', { text: 'Python\u0000 and SQL pipelines for 1970-01-01 data', title: '\u0000' });
    expect(r.status).toBe(200);
    expect(JSON.stringify(r.body)).not.toContain('\\u0000');
  });

  it('refuses pasted content with nothing to analyse (422) and stores no posting for it', async () => {
    const before = await api.call('GET', '/api/v1/postings?limit=200');
    for (const body of [{ text: '\u0000', title: '0' }, { text: ' \n\t ' }, { html: '\u0000\u0000' }]) {
      const r = await api.call('POST', '/api/v1/postings', body);
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect((r.body as { detail: string }).detail).toMatch(/empty|binary/);
    }
    const after = await api.call('GET', '/api/v1/postings?limit=200');
    expect((after.body as { data: unknown[] }).data.length).toBe((before.body as { data: unknown[] }).data.length);
  });

  it('replaying failed jobs takes no body or a list of ids, and refuses anything else naming the field', async () => {
    const all = await fetch(`${api.url}/api/v1/queues/analyze/failed/retry`, { method: 'POST' });
    expect(all.status).toBe(202);
    const some = await api.call('POST', '/api/v1/queues/analyze/failed/retry', { ids: ['no-such-job'] });
    expect(some).toMatchObject({ status: 202, body: { data: { retried: 0 } } });
    const bad = await api.call('POST', '/api/v1/queues/analyze/failed/retry', { ids: 'all' });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/body\.ids/);
  });

  it('filter values are data, never SQL: the postings table is still there', async () => {
    await fetch(`${api.url}/api/v1/trends/roles?role=${encodeURIComponent("x'; drop table postings; --")}`);
    const [row] = await api.db.sql`select count(*)::int as n from information_schema.tables where table_name = 'postings'`;
    expect(row!.n).toBe(1);
  });
});
