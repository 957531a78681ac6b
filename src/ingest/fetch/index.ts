// Polite, SSRF-safe fetching of URLs that strangers submit. The public interface of the
// ingest fetcher: the worker, the feeds and the API use only what this file exports.
import type { Redis } from 'ioredis';

export { FetchError } from './errors.ts';
export type { FetchErrorCode } from './errors.ts';
export { createFetcher } from './fetcher.ts';
export { queueRetryDelayMs } from './retry.ts';
export type { AcceptKind } from './content-type.ts';

/** What one successful fetch returns. */
export interface FetchResult {
  /** final URL after redirects */
  url: string;
  status: number;
  contentType: string | null;
  /** decoded text ('' when notModified) */
  body: string;
  etag: string | null;
  lastModified: string | null;
  /** 304 on a conditional request: the caller's stored copy is current */
  notModified: boolean;
  fetchedAt: Date;
}

/** How a fetcher behaves; `createFetcher` fills defaults for the optional fields. */
export interface FetcherOptions {
  /** host names or IPs that skip the SSRF guard (exact match on the URL's host), e.g. ['127.0.0.1'] in tests */
  allowHosts: string[];
  /** connect timeout, read timeout, and the cap on one attempt's total time */
  timeoutMs: number;
  /** cap on the body, both as received and after decompression */
  maxBytes: number;
  userAgent: string;
  respectRobots: boolean;
  /** ioredis; enables per-host politeness and the robots.txt cache shared by all processes. Must not be a blocking (BullMQ worker) connection. */
  redis?: Redis;
  /** requests in flight per host, across all processes sharing `redis` (default 2) */
  perHostConcurrency?: number;
  /** minimum ms between two request starts on one host (default 1000); robots.txt Crawl-delay can raise it */
  perHostIntervalMs?: number;
  /** retries after the first attempt for retryable failures (default 2) */
  maxRetries?: number;
  /** Redis key prefix for politeness and robots keys (default 'roleradar:fetch') */
  redisPrefix?: string;
  /** first backoff step in ms, doubled each retry (default 500) */
  retryBaseMs?: number;
  /** a Retry-After or backoff longer than this is not slept in-process: the error is thrown with retryAfterMs (default 15000) */
  maxRetryWaitMs?: number;
  /** how long to wait for a politeness slot before failing with a retryable timeout (default 60000) */
  maxPolitenessWaitMs?: number;
}

export interface FetchOptions {
  /** ETag from the previous fetch: a 304 answer yields notModified */
  etag?: string | null;
  /** Last-Modified from the previous fetch */
  lastModified?: string | null;
  /** which content types are acceptable (default 'html') */
  accept?: 'html' | 'feed' | 'any';
  signal?: AbortSignal;
}

export interface Fetcher {
  fetch(url: string, opts?: FetchOptions): Promise<FetchResult>;
}

/** A Fetcher that owns sockets: close it on shutdown. */
export interface ClosableFetcher extends Fetcher {
  close(): Promise<void>;
}
