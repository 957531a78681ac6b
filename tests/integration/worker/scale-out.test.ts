import type { ServerResponse } from 'node:http';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../helpers/http-server.ts';
import type { TestServer } from '../../helpers/http-server.ts';
import { runRoleradar } from '../../helpers/processes.ts';
import type { RoleradarProcess } from '../../helpers/processes.ts';
import { createTestDatabase, deletePrefix, processEnv, testPrefix, waitFor } from '../../helpers/services.ts';
import type { TestDatabase } from '../../helpers/services.ts';

// Scale-out as deployed: two API processes and two worker processes against one Redis and one
// Postgres. Postings submitted through either API are each fetched and analysed once.

const N = 400;
let db: TestDatabase;
let prefix: string;
let pages: TestServer;
const procs: RoleradarProcess[] = [];

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

beforeAll(async () => {
  db = await createTestDatabase();
  prefix = testPrefix();
  const routes: Record<string, (req: unknown, res: ServerResponse) => void> = {};
  for (let i = 0; i < N; i++) {
    routes[`/jobs/${i}`] = (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><head><title>QA Engineer ${i}</title></head><body><main><h1>QA Engineer ${i}</h1><p>Test automation with pytest and Selenium. Req ${i}.</p></main></body></html>`);
  }
  pages = await startServer(routes);
});

afterAll(async () => {
  for (const p of procs) p.child.kill('SIGTERM');
  await Promise.all(procs.map((p) => p.exited));
  await pages?.close();
  await db?.drop();
  await deletePrefix(prefix);
});

describe('several API and worker processes on one Redis and Postgres', () => {
  it('every posting submitted through either API is analysed exactly once', async () => {
    const env = processEnv(db, prefix);
    const ports = [await freePort(), await freePort()];
    for (const port of ports) procs.push(runRoleradar(['serve'], { ...env, PORT: String(port) }));
    procs.push(runRoleradar(['worker'], env), runRoleradar(['worker'], env));
    const apis = ports.map((p) => `http://127.0.0.1:${p}`);
    await waitFor(async () => (await Promise.all(apis.map((a) => fetch(`${a}/api/v1/health`).then((r) => r.ok, () => false)))).every(Boolean), 120_000, 200);

    // Every URL is submitted twice, once through each API, in batches of 50.
    const urls = Array.from({ length: N }, (_, i) => pages.url(`/jobs/${i}`));
    for (let i = 0; i < N; i += 50) {
      const batch = urls.slice(i, i + 50);
      const answers = await Promise.all(
        apis.map((api) => fetch(`${api}/api/v1/postings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ urls: batch }) })),
      );
      expect(answers.map((a) => a.status)).toEqual([202, 202]);
    }

    const final = await waitFor(async () => {
      const [row] = await db.sql<{ total: number; done: number; twice: number }[]>`
        select count(*)::int as total, count(*) filter (where status = 'done')::int as done,
               count(*) filter (where analyzed_count > 1)::int as twice from postings`;
      return row!.done === N ? row! : null;
    }, 90_000, 100);
    expect(final).toEqual({ total: N, done: N, twice: 0 });
    // A re-submit of a posting already done re-checks its page (content unchanged: no new analysis),
    // so a page is fetched once or twice, never more.
    for (let i = 0; i < N; i++) expect(pages.hits(`/jobs/${i}`)).toBeLessThanOrEqual(2);
  });
});
