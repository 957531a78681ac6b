import { expect } from 'vitest';
import { createFetcher, FetchError, type ClosableFetcher, type FetcherOptions } from '../../src/ingest/fetch/index.ts';

// Fetchers for tests against a local server (tests/helpers/http-server.ts): fast timeouts, no
// politeness delay and no retries unless a test asks for them, every one closed at the end:
//   const fetchers = testFetchers({ respectRobots: true });
//   afterAll(() => fetchers.close());
//   await fetchers.make().fetch(srv.url('/job'));

/** What every test fetcher starts from; a file's and a test's overrides go on top. */
export const TEST_FETCHER_OPTIONS: FetcherOptions = {
  allowHosts: ['127.0.0.1'],
  timeoutMs: 2000,
  maxBytes: 100_000,
  userAgent: 'RoleRadar/0.1 (+https://github.com/roleradar/roleradar)',
  respectRobots: false,
  perHostIntervalMs: 0,
  maxRetries: 0,
};

/** A factory of fetchers with `defaults` over TEST_FETCHER_OPTIONS; close() closes every one it made. */
export function testFetchers(defaults: Partial<FetcherOptions> = {}) {
  const made: ClosableFetcher[] = [];
  return {
    make(overrides: Partial<FetcherOptions> = {}): ClosableFetcher {
      const f = createFetcher({ ...TEST_FETCHER_OPTIONS, ...defaults, ...overrides });
      made.push(f);
      return f;
    },
    async close(): Promise<void> {
      await Promise.all(made.map((f) => f.close()));
    },
  };
}

/** The FetchError `p` rejects with; fails the test when it resolves or rejects with anything else. */
export async function fetchFailure(p: Promise<unknown>): Promise<FetchError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FetchError);
  return err as FetchError;
}
