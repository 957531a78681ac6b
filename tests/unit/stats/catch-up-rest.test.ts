import { describe, expect, it } from 'vitest';
import { CATCH_UP_MS, catchUpWorthWaiting } from '../../../src/api/routes/stats-http.ts';
import { resting } from '../../../src/stats/resting.ts';

// Recounting refresh work rests after a slow run (over 1 s) for four times its length: a request's
// catch-up of the day rollups, and the refresher's month pass (src/stats/resting.ts).

describe('resting', () => {
  const now = 100_000;
  it('never rests before the first catch-up, or after a quick one', () => {
    expect(resting(null, now)).toBe(false);
    expect(resting({ endedAt: now - 1, tookMs: 900 }, now)).toBe(false);
  });

  it('rests for four times the length of a slow one, then catches up again', () => {
    expect(resting({ endedAt: now - 1_000, tookMs: 2_000 }, now)).toBe(true);
    expect(resting({ endedAt: now - 7_999, tookMs: 2_000 }, now)).toBe(true);
    expect(resting({ endedAt: now - 8_000, tookMs: 2_000 }, now)).toBe(false);
  });
});

describe('catchUpWorthWaiting', () => {
  it('waits for a catch-up in flight only where they finish within CATCH_UP_MS, under the 50 ms target (or none has run yet)', () => {
    expect(CATCH_UP_MS).toBeLessThan(50);
    expect(catchUpWorthWaiting(null)).toBe(true);
    expect(catchUpWorthWaiting({ endedAt: 0, tookMs: CATCH_UP_MS })).toBe(true);
    expect(catchUpWorthWaiting({ endedAt: 0, tookMs: CATCH_UP_MS + 1 })).toBe(false);
  });
});
