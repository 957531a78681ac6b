import { FetchError } from './errors.ts';

// Backoff arithmetic for retries; pure so it can be tested without clocks.

/** Parses Retry-After (delta seconds or an HTTP date) into milliseconds from now, or null. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  if (!value) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date always has a weekday or month name; this also keeps Date.parse off "-5".
  const at = /[a-z]/i.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}

/** Exponential backoff with jitter: half fixed, half random, so retries of many workers spread out. */
export function backoffMs(attempt: number, baseMs = 500, capMs = 30_000, random: () => number = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** HTTP statuses worth trying again later: the server is busy, rate-limiting, or briefly broken. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

/** Resolves after ms, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Delay before the queue retries a failed fetch job: exponential from `baseMs`, but never
 * sooner than the server's Retry-After. Fits BullMQ's `settings.backoffStrategy`:
 * `(attemptsMade, _type, err) => queueRetryDelayMs(err, attemptsMade, baseMs)`.
 */
export function queueRetryDelayMs(err: unknown, attemptsMade: number, baseMs: number, capMs = 3_600_000): number {
  const exponential = baseMs * 2 ** Math.max(0, attemptsMade - 1);
  const asked = err instanceof FetchError ? (err.retryAfterMs ?? 0) : 0;
  return Math.min(capMs, Math.max(exponential, asked));
}
