import { describe, expect, it } from 'vitest';
import { CATCH_UP_MS, catchUpResting, catchUpWorthWaiting } from '../../../src/api/routes/stats-http.ts';

// A request catches the day rollups up when postings were written, unless the last catch-up
// was slow (over 1 s) and ended less than four times its length ago.

describe('catchUpResting', () => {
  const now = 100_000;
  it('never rests before the first catch-up, or after a quick one', () => {
    expect(catchUpResting(null, now)).toBe(false);
    expect(catchUpResting({ endedAt: now - 1, tookMs: 900 }, now)).toBe(false);
  });

  it('rests for four times the length of a slow one, then catches up again', () => {
    expect(catchUpResting({ endedAt: now - 1_000, tookMs: 2_000 }, now)).toBe(true);
    expect(catchUpResting({ endedAt: now - 7_999, tookMs: 2_000 }, now)).toBe(true);
    expect(catchUpResting({ endedAt: now - 8_000, tookMs: 2_000 }, now)).toBe(false);
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
