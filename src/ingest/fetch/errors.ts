// The one error type the fetcher throws. The worker maps `retryable` to a BullMQ retry and
// everything else to a permanent failure, so `code` and `message` must say what happened.

export type FetchErrorCode =
  | 'blocked-address'
  | 'invalid-url'
  | 'timeout'
  | 'too-large'
  | 'http-status'
  | 'content-type'
  | 'robots'
  | 'too-many-redirects'
  | 'network';

export interface FetchErrorDetails {
  retryable?: boolean;
  status?: number;
  retryAfterMs?: number;
  url?: string;
  cause?: unknown;
}

/** A failed fetch: `code` says why, `retryable` says whether trying again later can help. */
export class FetchError extends Error {
  override name = 'FetchError';
  readonly code: FetchErrorCode;
  readonly retryable: boolean;
  readonly status?: number;
  /** how long the server asked us to wait (Retry-After), or the fetcher's own backoff hint */
  readonly retryAfterMs?: number;
  /** the URL being fetched when the error happened (may be a redirect target) */
  readonly url?: string;

  constructor(code: FetchErrorCode, message: string, details: FetchErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.retryable = details.retryable ?? false;
    if (details.status !== undefined) this.status = details.status;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
    if (details.url !== undefined) this.url = details.url;
  }
}

/** Thrown inside the socket layer when a connection would reach a forbidden address. */
export class BlockedAddressError extends Error {
  override name = 'BlockedAddressError';
  readonly code = 'ERR_ROLERADAR_BLOCKED_ADDRESS';
  constructor(
    readonly hostname: string,
    readonly address: string,
    readonly reason: string,
  ) {
    super(`${hostname} resolves to ${address}, a ${reason} address: refused (SSRF guard)`);
  }
}

/** Finds a BlockedAddressError anywhere in an error's cause chain (undici wraps socket errors). */
export function findBlockedAddressError(err: unknown): BlockedAddressError | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 8 && current instanceof Error; depth++) {
    if (current instanceof BlockedAddressError) return current;
    current = current.cause;
  }
  return undefined;
}
