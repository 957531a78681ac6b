import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A throwaway HTTP server on 127.0.0.1 and a random port, for tests that need a real peer:
//   const srv = await startServer({ '/page': (req, res) => res.end('<p>hi</p>') });
//   await fetch(srv.url('/page')); expect(srv.requests).toHaveLength(1); await srv.close();

// Returns anything, so one-liners like `(_req, res) => res.end("ok")` type-check; a rejected promise answers 500.
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

export interface RecordedRequest {
  method: string;
  /** path and query, as sent */
  url: string;
  headers: IncomingMessage['headers'];
}

export interface TestServer {
  port: number;
  /** e.g. "http://127.0.0.1:41234" */
  origin: string;
  /** absolute URL for a path on this server; `host` swaps the host name (e.g. 'localhost') */
  url(path?: string, host?: string): string;
  /** every request received, in order */
  requests: RecordedRequest[];
  /** how many requests hit this path (query ignored) */
  hits(path: string): number;
  close(): Promise<void>;
}

/** Starts a server answering `routes` by exact path (query ignored); other paths get 404. */
export async function startServer(routes: Record<string, RouteHandler>): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers });
    const handler = routes[pathOf(req.url ?? '/')];
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    Promise.resolve(handler(req, res)).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    url: (path = '/', host = '127.0.0.1') => `http://${host}:${port}${path}`,
    requests,
    hits: (path) => requests.filter((r) => pathOf(r.url) === path).length,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Slow handlers may hold sockets open; a test server must not keep the run alive.
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

function pathOf(url: string): string {
  return url.split('?')[0] ?? '/';
}
