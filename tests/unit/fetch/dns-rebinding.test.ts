// DNS rebinding: a name that answered a public address when someone looked it up (a check at
// submit time, an earlier fetch) answers an internal one when the worker connects. The guard
// judges the answer the socket connects with, on every connection, so the later answer is refused.
//
// No test here needs the internet or sends a packet off this machine: dns.lookup is replaced,
// for names under .rebind.test only, by a resolver whose answers the test scripts; the internal
// answer 127.0.0.1 is this test's own HTTP server, so a guard that let it through would show up
// as a hit on that server.
import dns from 'node:dns';
import type { LookupAddress } from 'node:dns';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createGuardedLookup } from '../../../src/ingest/fetch/address-guard.ts';
import { BlockedAddressError } from '../../../src/ingest/fetch/errors.ts';
import { createFetcher, FetchError, type FetcherOptions } from '../../../src/ingest/fetch/index.ts';
import { startServer, type TestServer } from '../../helpers/http-server.ts';

const PUBLIC: LookupAddress = { address: '93.184.216.34', family: 4 };
const INTERNAL: Array<[string, LookupAddress]> = [
  ['loopback', { address: '127.0.0.1', family: 4 }],
  ['cloud metadata', { address: '169.254.169.254', family: 4 }],
  ['IPv6-mapped loopback', { address: '::ffff:127.0.0.1', family: 6 }],
  ['IPv6-mapped loopback, hex', { address: '::ffff:7f00:1', family: 6 }],
  ['AWS IMDS over IPv6', { address: 'fd00:ec2::254', family: 6 }],
  ['private', { address: '10.0.0.7', family: 4 }],
  ['a public address beside a loopback one', { address: '127.0.0.1', family: 4 }],
];

type Callback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** Answers for names under .rebind.test, in order (null: a temporary DNS failure); the last one repeats. */
const script = new Map<string, Array<LookupAddress[] | null>>();
const lookups: string[] = [];
const realLookup = dns.lookup;

function fakeLookup(hostname: string, options: unknown, callback?: unknown): void {
  const cb = (typeof options === 'function' ? options : callback) as Callback;
  const opts = (typeof options === 'object' && options !== null ? options : {}) as { all?: boolean };
  if (!hostname.endsWith('.rebind.test')) {
    (realLookup as (h: string, o: unknown, c: Callback) => void)(hostname, opts, cb);
    return;
  }
  lookups.push(hostname);
  const answers = script.get(hostname) ?? [];
  const answer = answers.length > 1 ? answers.shift()! : answers[0];
  setImmediate(() => {
    if (answer === undefined) return cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '');
    if (answer === null) return cb(Object.assign(new Error(`getaddrinfo EAI_AGAIN ${hostname}`), { code: 'EAI_AGAIN' }), '');
    if (opts.all) return cb(null, answer);
    return cb(null, answer[0]!.address, answer[0]!.family);
  });
}

/** What a lookup of `host` through the real dns module answers now (as a submit-time check would see it). */
function lookupNow(host: string): Promise<string> {
  return new Promise((resolve, reject) => dns.lookup(host, (err, address) => (err ? reject(err) : resolve(address))));
}

let srv: TestServer;
const fetchers: Array<{ close(): Promise<void> }> = [];

function fetcher(overrides: Partial<FetcherOptions> = {}) {
  const f = createFetcher({ allowHosts: ['localhost'], timeoutMs: 2_000, maxBytes: 100_000, userAgent: 'RoleRadar/0.1', respectRobots: false, perHostIntervalMs: 0, maxRetries: 0, retryBaseMs: 1, ...overrides });
  fetchers.push(f);
  return f;
}

async function failure(p: Promise<unknown>): Promise<FetchError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(FetchError);
  return err as FetchError;
}

beforeAll(async () => {
  // The guard takes dns.lookup when a fetcher is made, so this must come before any createFetcher.
  (dns as { lookup: unknown }).lookup = fakeLookup;
  srv = await startServer({
    '/page': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>public page</p>'),
    '/secret': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>internal secret</p>'),
    '/redirect': (req, res) => res.writeHead(302, { location: new URL(req.url ?? '', 'http://x').searchParams.get('to') ?? '/' }).end(),
    '/unavailable': (_req, res) => res.writeHead(503, { 'content-type': 'text/html' }).end('<p>try again</p>'),
  });
});

afterEach(() => {
  script.clear();
  lookups.length = 0;
});

afterAll(async () => {
  await Promise.all(fetchers.map((f) => f.close()));
  await srv?.close();
  (dns as { lookup: unknown }).lookup = realLookup;
});

describe('DNS answers that change between lookups', () => {
  it.each(INTERNAL)('the guarded lookup judges every answer afresh: public, then %s', async (name, internal) => {
    const answers = [[PUBLIC], name.includes('beside') ? [PUBLIC, internal] : [internal]];
    const guarded = createGuardedLookup(() => false, (_h, _o, cb) => cb(null, answers.length > 1 ? answers.shift()! : answers[0]!));
    const ask = () => new Promise<{ err: Error | null; address: unknown }>((resolve) => guarded('flip.rebind.test', { all: true }, (err, address) => resolve({ err, address })));
    expect(await ask()).toEqual({ err: null, address: [PUBLIC] });
    const later = await ask();
    expect(later.err).toBeInstanceOf(BlockedAddressError);
    expect(later.err?.message).toContain(internal.address);
  });

  it.each(INTERNAL)('a fetch connecting after the name flipped to %s is refused, and nothing reaches the server', async (name, internal) => {
    const host = `flip${INTERNAL.findIndex(([n]) => n === name)}.rebind.test`;
    script.set(host, [[PUBLIC], name.includes('beside') ? [PUBLIC, internal] : [internal]]);
    // What a check when the URL was submitted would have seen.
    expect(await lookupNow(host)).toBe(PUBLIC.address);
    const before = srv.requests.length;
    const err = await failure(fetcher().fetch(`http://${host}:${srv.port}/secret`));
    expect(err).toMatchObject({ code: 'blocked-address', retryable: false });
    expect(err.message).toContain(internal.address);
    expect(srv.requests.length).toBe(before);
    expect(lookups.filter((h) => h === host)).toHaveLength(2);
  });

  it('resolves again for every attempt: a retry after the answer changed is judged on the new answer', async () => {
    // The first attempt meets a temporary DNS failure (retryable); the retry looks the name up
    // afresh, and by then it answers the metadata address.
    script.set('retry.rebind.test', [null, [{ address: '169.254.169.254', family: 4 }]]);
    const err = await failure(fetcher({ maxRetries: 1 }).fetch(`http://retry.rebind.test:${srv.port}/secret`));
    expect(err).toMatchObject({ code: 'blocked-address', retryable: false });
    expect(err.message).toContain('169.254.169.254');
    expect(lookups).toEqual(['retry.rebind.test', 'retry.rebind.test']);
  });

  it('the same name and answer go through when the name is allowlisted (the scripted DNS really leads to the server)', async () => {
    script.set('allowed.rebind.test', [[{ address: '127.0.0.1', family: 4 }]]);
    const before = srv.hits('/secret');
    const res = await fetcher({ allowHosts: ['allowed.rebind.test'] }).fetch(`http://allowed.rebind.test:${srv.port}/secret`);
    expect(res.body).toBe('<p>internal secret</p>');
    expect(srv.hits('/secret')).toBe(before + 1);
  });
});

describe('redirects to names that resolve inside', () => {
  it.each([
    ['loopback', '127.0.0.1', 4],
    ['cloud metadata', '169.254.169.254', 4],
    ['IPv6-mapped loopback', '::ffff:127.0.0.1', 6],
  ] as const)('an allowed page redirecting to a name answering %s is refused at connect time', async (_name, address, family) => {
    script.set('inside.rebind.test', [[{ address, family }]]);
    const target = `http://inside.rebind.test:${srv.port}/secret`;
    const before = srv.hits('/secret');
    const err = await failure(fetcher().fetch(srv.url(`/redirect?to=${encodeURIComponent(target)}`, 'localhost')));
    expect(err).toMatchObject({ code: 'blocked-address', retryable: false, url: target });
    expect(srv.hits('/secret')).toBe(before);
    expect(lookups).toEqual(['inside.rebind.test']);
  });
});
