import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGuardedConnector } from '../../../src/ingest/fetch/guarded-agent.ts';
import { createHostAllowlist } from '../../../src/ingest/fetch/address-guard.ts';
import { BlockedAddressError } from '../../../src/ingest/fetch/errors.ts';
import type { FetcherOptions } from '../../../src/ingest/fetch/index.ts';
import { fetchFailure as failure, testFetchers } from '../../helpers/fetchers.ts';
import { startServer, type TestServer } from '../../helpers/http-server.ts';

// The allowlist names exactly one host, 'localhost'. The test server is reached through that
// name; every other way to the same machine (IP literals in any notation, redirects) must fail.

let srv: TestServer;
const fetchers = testFetchers();
const fetcher = (allowHosts: string[], overrides: Partial<FetcherOptions> = {}) => fetchers.make({ allowHosts, ...overrides });

const blockedTargets = (port: number) => [
  `http://127.0.0.1:${port}/secret`,
  `http://127.0.0.2:${port}/secret`,
  `http://2130706433:${port}/secret`,
  `http://0177.0.0.1:${port}/secret`,
  `http://0x7f.1:${port}/secret`,
  `http://127.1:${port}/secret`,
  `http://[::1]:${port}/secret`,
  `http://[::ffff:127.0.0.1]:${port}/secret`,
  `http://169.254.169.254/latest/meta-data/iam/security-credentials/`,
  `http://[fd00:ec2::254]/latest/meta-data/`,
  `http://10.0.0.1/admin`,
  `http://0.0.0.0:${port}/secret`,
];

beforeAll(async () => {
  srv = await startServer({
    '/page': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>public page</p>'),
    '/redirect': (req, res) => {
      const to = new URL(req.url ?? '', 'http://x').searchParams.get('to') ?? '/';
      res.writeHead(302, { location: to }).end();
    },
    '/secret': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>internal secret</p>'),
  });
});

afterAll(async () => {
  await fetchers.close();
  await srv.close();
});

describe('SSRF guard in the fetcher', () => {
  it('fetches through the one allowlisted name', async () => {
    const res = await fetcher(['localhost']).fetch(srv.url('/page', 'localhost'));
    expect(res.body).toBe('<p>public page</p>');
  });

  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])('refuses direct target #%i', async (i) => {
    const target = blockedTargets(srv.port)[i] as string;
    const err = await failure(fetcher(['localhost']).fetch(target));
    expect(err).toMatchObject({ code: 'blocked-address', retryable: false });
    expect(err.message).toContain('SSRF guard');
  });

  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])('refuses a redirect from the allowed host to blocked target #%i', async (i) => {
    const target = blockedTargets(srv.port)[i] as string;
    const before = srv.hits('/secret');
    const err = await failure(fetcher(['localhost']).fetch(srv.url(`/redirect?to=${encodeURIComponent(target)}`, 'localhost')));
    expect(err).toMatchObject({ code: 'blocked-address', retryable: false, url: new URL(target).href });
    expect(srv.hits('/secret')).toBe(before);
  });

  it('checks DNS answers at connect time: a name resolving to loopback is refused', async () => {
    // 127.0.0.1 is allowlisted as a literal, but 'localhost' is a different host name that
    // resolves to it: the connect-time lookup must refuse it.
    const before = srv.hits('/page');
    const err = await failure(fetcher(['127.0.0.1']).fetch(srv.url('/page', 'localhost')));
    expect(err).toMatchObject({ code: 'blocked-address', retryable: false });
    expect(err.message).toMatch(/localhost resolves to (127\.0\.0\.1|::1)/);
    expect(srv.hits('/page')).toBe(before);
  });

  it('guards TLS connections the same way (the lookup runs before any handshake)', async () => {
    const err = await failure(fetcher(['127.0.0.1']).fetch(`https://localhost:${srv.port}/page`));
    expect(err).toMatchObject({ code: 'blocked-address', retryable: false });
    // allowed through the guard, the plain-HTTP server then fails the TLS handshake: a network error
    const tls = await failure(fetcher(['localhost']).fetch(`https://localhost:${srv.port}/page`));
    expect(tls).toMatchObject({ code: 'network', retryable: false });
  });

  it('refuses everything local when nothing is allowlisted', async () => {
    expect((await failure(fetcher([]).fetch(srv.url('/page', 'localhost')))).code).toBe('blocked-address');
    expect((await failure(fetcher([]).fetch(srv.url('/page')))).code).toBe('blocked-address');
  });
});

describe('createGuardedConnector', () => {
  // The last layer: the peer address of the connected socket, which also covers IP literals
  // (Node connects to those without any lookup).
  function connect(allow: string[], hostname: string) {
    const connector = createGuardedConnector(createHostAllowlist(allow), 1000);
    return new Promise<{ err: Error | null }>((resolve) =>
      connector({ hostname, host: `${hostname}:${srv.port}`, protocol: 'http:', port: String(srv.port) }, (err, socket) => {
        socket?.destroy();
        resolve({ err });
      }),
    );
  }

  it('destroys a socket connected to a forbidden peer', async () => {
    const { err } = await connect([], '127.0.0.1');
    expect(err).toBeInstanceOf(BlockedAddressError);
    expect(err?.message).toContain('127.0.0.1');
  });

  it('hands over the socket when the host is allowlisted', async () => {
    expect((await connect(['127.0.0.1'], '127.0.0.1')).err).toBeNull();
  });
});
