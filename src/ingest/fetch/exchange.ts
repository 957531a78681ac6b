import type { Agent, Dispatcher } from 'undici';
import { ACCEPT_HEADERS, GZIP_FILE_TYPES, isAcceptableType, mediaType, type AcceptKind } from './content-type.ts';
import { readBody, unpackGzipFile } from './body.ts';
import { decodeBody } from './charset.ts';
import { FetchError, findBlockedAddressError } from './errors.ts';
import { isRetryableStatus, parseRetryAfter } from './retry.ts';

// One HTTP request/response, no redirects followed: the fetcher decides what to do with a hop.

export interface ExchangeOptions {
  agent: Agent;
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  accept: AcceptKind;
  etag?: string | null;
  lastModified?: string | null;
  signal?: AbortSignal;
  /** read at most maxBytes and stop, instead of failing (robots.txt) */
  truncate?: boolean;
}

export type Hop =
  | { kind: 'redirect'; status: number; location: URL }
  | { kind: 'response'; status: number; contentType: string | null; body: string; etag: string | null; lastModified: string | null; notModified: boolean };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);
// Failures that will not go away by asking again.
const PERMANENT_CODES = new Set(['ENOTFOUND', 'ERR_INVALID_URL', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UND_ERR_INVALID_ARG']);

function header(headers: Dispatcher.ResponseData['headers'], name: string): string | null {
  const v = headers[name];
  if (v === undefined) return null;
  return Array.isArray(v) ? (v[0] ?? null) : String(v);
}

/** Sends one GET and interprets the answer; every failure comes out as a FetchError. */
export async function exchange(url: URL, o: ExchangeOptions): Promise<Hop> {
  // A plain controller and timer, cleared at the end: AbortSignal.timeout/any keep timers and
  // listeners alive long after the request, which costs a third of the throughput on Node 20.
  const ctrl = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ctrl.abort(new Error(`timeout after ${o.timeoutMs} ms`));
  }, o.timeoutMs);
  const forwardAbort = () => ctrl.abort(o.signal?.reason);
  o.signal?.addEventListener('abort', forwardAbort, { once: true });
  const headers: Record<string, string> = {
    'user-agent': o.userAgent,
    accept: ACCEPT_HEADERS[o.accept],
    'accept-encoding': 'gzip, deflate, br',
  };
  if (o.etag) headers['if-none-match'] = o.etag;
  if (o.lastModified) headers['if-modified-since'] = o.lastModified;
  try {
    if (o.signal?.aborted) throw o.signal.reason;
    const res = await o.agent.request({ origin: url.origin, path: url.pathname + url.search, method: 'GET', headers, signal: ctrl.signal });
    return await interpret(url, res, o);
  } catch (err) {
    if (o.signal?.aborted) throw o.signal.reason;
    throw toFetchError(err, url, timedOut, o.timeoutMs);
  } finally {
    clearTimeout(timer);
    o.signal?.removeEventListener('abort', forwardAbort);
  }
}

async function interpret(url: URL, res: Dispatcher.ResponseData, o: ExchangeOptions): Promise<Hop> {
  const status = res.statusCode;
  const contentType = header(res.headers, 'content-type');
  if (REDIRECTS.has(status)) {
    await discard(res);
    const location = header(res.headers, 'location');
    if (!location) throw new FetchError('http-status', `${url.href} answered ${status} without a Location header`, { status, url: url.href });
    let target: URL;
    try {
      target = new URL(location, url);
    } catch {
      throw new FetchError('invalid-url', `${url.href} redirects to an invalid URL: ${JSON.stringify(location.slice(0, 200))}`, { status, url: url.href });
    }
    return { kind: 'redirect', status, location: target };
  }
  const etag = header(res.headers, 'etag');
  const lastModified = header(res.headers, 'last-modified');
  if (status === 304) {
    await discard(res);
    // A 304 to a request that had no validators carries nothing we could use; call it broken.
    if (!o.etag && !o.lastModified) throw new FetchError('http-status', `${url.href} answered 304 to an unconditional request`, { status, url: url.href });
    return { kind: 'response', status, contentType, body: '', etag: etag ?? o.etag ?? null, lastModified: lastModified ?? o.lastModified ?? null, notModified: true };
  }
  if (status < 200 || status > 299) {
    await discard(res);
    const retryAfterMs = parseRetryAfter(header(res.headers, 'retry-after')) ?? undefined;
    throw new FetchError('http-status', `${url.href} answered HTTP ${status}`, {
      status,
      retryable: isRetryableStatus(status),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      url: url.href,
    });
  }
  if (!isAcceptableType(contentType, o.accept)) {
    abandon(res);
    throw new FetchError('content-type', `${url.href} is ${contentType}, not an acceptable type for ${o.accept}`, { status, url: url.href });
  }
  const declared = Number(header(res.headers, 'content-length') ?? NaN);
  if (declared > o.maxBytes && !o.truncate) {
    abandon(res);
    throw new FetchError('too-large', `${url.href} declares ${declared} bytes, more than the ${o.maxBytes} allowed`, { status, url: url.href });
  }
  let bytes = await readBody(res.body, { contentEncoding: header(res.headers, 'content-encoding'), maxBytes: o.maxBytes, truncate: o.truncate ?? false, url: url.href });
  if (o.accept !== 'html' && GZIP_FILE_TYPES.has(mediaType(contentType) ?? '')) bytes = unpackGzipFile(bytes, o.maxBytes, url.href);
  return { kind: 'response', status, contentType, body: decodeBody(bytes, contentType).text, etag, lastModified, notModified: false };
}

// Closes a body we will not read; undici then emits an AbortError that nobody needs to see.
function abandon(res: Dispatcher.ResponseData): void {
  res.body.on('error', () => undefined);
  res.body.destroy();
}

// Reads a little of an unwanted body so the connection can be reused, then lets it go.
async function discard(res: Dispatcher.ResponseData): Promise<void> {
  await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
}

/** Maps undici, socket and DNS errors to a FetchError with an honest `retryable`. */
export function toFetchError(err: unknown, url: URL, timedOut: boolean, timeoutMs: number): FetchError {
  if (err instanceof FetchError) return err;
  const blocked = findBlockedAddressError(err);
  if (blocked) return new FetchError('blocked-address', `refusing ${url.href}: ${blocked.message}`, { url: url.href, cause: err });
  const e = err as { code?: string; name?: string; message?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code ?? e.name ?? 'unknown';
  if (timedOut || TIMEOUT_CODES.has(code) || e.name === 'TimeoutError') {
    return new FetchError('timeout', `${url.href} did not answer within ${timeoutMs} ms (${code})`, { retryable: true, url: url.href, cause: err });
  }
  // Certificate and TLS protocol failures are configuration, not weather: retrying will not help.
  const retryable = !PERMANENT_CODES.has(code) && !code.startsWith('ERR_TLS') && !code.startsWith('ERR_SSL') && !code.includes('CERT');
  const what = code === 'ENOTFOUND' ? `host ${url.hostname} not found` : `${code}: ${e.message ?? String(err)}`;
  return new FetchError('network', `fetching ${url.href} failed: ${what}`, { retryable, url: url.href, cause: err });
}
