import { describe, expect, it } from 'vitest';
import { FetchError } from '../../../src/ingest/fetch/errors.ts';
import { backoffMs, isRetryableStatus, parseRetryAfter, queueRetryDelayMs, sleep } from '../../../src/ingest/fetch/retry.ts';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-25T12:00:00Z');
  it.each([
    ['120', 120_000],
    ['0', 0],
    [' 5 ', 5_000],
    ['Wed, 25 Nov 2026 12:00:30 GMT', 30_000],
    ['Wed, 25 Nov 2026 11:00:00 GMT', 0], // in the past: no wait
    ['soon', null],
    ['-5', null],
    ['', null],
    [null, null],
  ])('%j -> %j ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});

describe('backoffMs', () => {
  it('doubles per attempt, between half and the full step', () => {
    expect(backoffMs(0, 500, 30_000, () => 0)).toBe(250);
    expect(backoffMs(0, 500, 30_000, () => 1)).toBe(500);
    expect(backoffMs(3, 500, 30_000, () => 0)).toBe(2000);
    expect(backoffMs(3, 500, 30_000, () => 1)).toBe(4000);
  });

  it('never exceeds the cap', () => {
    expect(backoffMs(30, 500, 30_000, () => 1)).toBe(30_000);
  });
});

describe('isRetryableStatus', () => {
  it.each([408, 425, 429, 500, 502, 503, 504])('%i is retryable', (s) => expect(isRetryableStatus(s)).toBe(true));
  it.each([400, 401, 403, 404, 410, 451, 501])('%i is permanent', (s) => expect(isRetryableStatus(s)).toBe(false));
});

describe('sleep', () => {
  it('rejects with the abort reason', async () => {
    const ctrl = new AbortController();
    const p = sleep(10_000, ctrl.signal);
    ctrl.abort(new Error('shutting down'));
    await expect(p).rejects.toThrow('shutting down');
  });
});

describe('queueRetryDelayMs', () => {
  const busy = new FetchError('http-status', 'HTTP 503', { status: 503, retryable: true, retryAfterMs: 120_000 });
  it('backs off exponentially from the base', () => {
    expect(queueRetryDelayMs(new Error('x'), 1, 2000)).toBe(2000);
    expect(queueRetryDelayMs(new Error('x'), 3, 2000)).toBe(8000);
  });
  it('waits at least as long as the server asked', () => {
    expect(queueRetryDelayMs(busy, 1, 2000)).toBe(120_000);
    expect(queueRetryDelayMs(busy, 10, 2000)).toBe(1_024_000);
  });
  it('is capped', () => {
    expect(queueRetryDelayMs(busy, 40, 2000, 600_000)).toBe(600_000);
  });
});
