import { describe, expect, it } from 'vitest';
import { PeriodStamps } from '../../../src/stats/period-stamps.ts';

const T1 = '2026-11-26T10:00:00.000001Z';
const T2 = '2026-11-26T10:00:00.000002Z';

describe('PeriodStamps', () => {
  const base = PeriodStamps.since('2026-11-01T00:00:00.000000Z');

  it('moves only the stamps of periods that changed, to their latest change', () => {
    const next = base.with([
      { grain: 'd', start: '2026-10-06', changedAt: T2 },
      { grain: 'd', start: '2026-10-06', changedAt: T1 },
      { grain: 'm', start: '2026-10-01', changedAt: T1 },
    ]);
    expect(next.of('d', '2026-10-06')).not.toBe(base.of('d', '2026-10-06'));
    expect(next.of('d', '2026-10-06')).toBe(next.with([{ grain: 'd', start: '2026-10-06', changedAt: T1 }]).of('d', '2026-10-06'));
    expect(next.of('d', '2026-10-05')).toBe(base.of('d', '2026-10-05'));
    expect(next.of('w', '2026-10-05')).toBe(base.of('w', '2026-10-05'));
    expect(next.seen).toBe(T2);
    // the days of a month taken together move with any of them
    expect(next.ofDaysIn('2026-10-01')).not.toBe(base.ofDaysIn('2026-10-01'));
    expect(next.ofDaysIn('2026-09-01')).toBe(base.ofDaysIn('2026-09-01'));
    // months taken together move with any of them
    expect(next.ofMonths(['2026-09-01', '2026-10-01'])).not.toBe(base.ofMonths(['2026-09-01', '2026-10-01']));
    expect(next.ofMonths(['2026-09-01', '2026-11-01'])).toBe(base.ofMonths(['2026-09-01', '2026-11-01']));
  });

  it('never changes under a request that holds it, and is itself when nothing changed', () => {
    const before = base.of('d', '2026-10-06');
    base.with([{ grain: 'd', start: '2026-10-06', changedAt: T1 }]);
    expect(base.of('d', '2026-10-06')).toBe(before);
    expect(base.with([])).toBe(base);
  });

  it('a rebuild (another base) moves every stamp', () => {
    const rebuilt = PeriodStamps.since('2026-11-02T00:00:00.000000Z');
    expect(rebuilt.of('w', '2026-10-05')).not.toBe(base.of('w', '2026-10-05'));
    expect(rebuilt.ofDaysIn('2026-10-01')).not.toBe(base.ofDaysIn('2026-10-01'));
  });
});
