import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/http-server.ts';
import { waitFor } from '../../helpers/services.ts';
import { startTestStack, type TestStack } from '../../helpers/stack.ts';

// A feed is a stranger's document too: one hostile item must cost that item, never the run.
// Both cases below used to fail the whole run with a Postgres message as its only error:
// a URL too long for the postings index, and a NUL character in an item's id.

let stack: TestStack;
let server: TestServer;
const longPath = randomBytes(9_000).toString('base64url'); // incompressible: 12 KB in the index

function feed() {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Jobs\u0000',
    items: [
      { id: 'a', url: server.url('/pages/a'), title: 'Data Engineer' },
      { id: 'b\u0000', url: server.url('/pages/b\u0000'), title: 'Nul\u0000 title', date_published: '2026-11-01T00:00:00Z\u0000' },
      { id: 'long', url: server.url(`/pages/${longPath}`), title: 'Long URL' },
      { id: 'script', url: 'javascript:alert(1)\u0000', title: 'No page' },
    ],
  });
}

beforeAll(async () => {
  server = await startServer({
    '/feed.json': (_req, res) => res.writeHead(200, { 'content-type': 'application/feed+json' }).end(feed()),
    '/pages/a': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Data Engineer</h1><p>Python and SQL.</p>'),
  });
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
  await server?.close();
});

describe('hostile feed items', () => {
  it('an over-long URL and NUL characters cost their own items, not the run', async () => {
    const registered = await stack.call('POST', '/api/v1/feeds', { url: server.url('/feed.json'), kind: 'json-feed' });
    expect(registered.status).toBe(201);
    const id = registered.body.data.id as number;
    expect((await stack.call('POST', `/api/v1/feeds/${id}/run`)).status).toBe(202);
    const run = await waitFor(async () => {
      const runs = (await stack.call('GET', `/api/v1/feeds/${id}/runs`)).body.data;
      return runs.length > 0 && runs[0].status !== 'running' ? runs[0] : null;
    });
    expect(run).toMatchObject({ status: 'succeeded', seen: 2, new: 2 });
    expect(run.errors).toEqual([expect.stringMatching(/^item 3: URL longer than 2048 characters/), expect.stringMatching(/^item 4: no http\(s\) URL \(javascript:alert\(1\)\)$/)]);
    const stored = await stack.db.sql<{ externalId: string }[]>`select external_id from postings where feed_id = ${id} order by external_id`;
    expect(stored.map((r) => r.externalId)).toEqual(['a', 'b']);
  });
});
