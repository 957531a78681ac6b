import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FilterError, addDays, applyFilters, coverRange, dayNumber, dayString, daysBetween, periodStart, periodsOf, planQuery, previousMonths, previousRange, skillsFilteredOn, snapToMonths, splitRange,
} from '../../../src/stats/filters.ts';
import type { RollupPiece } from '../../../src/stats/filters.ts';

describe('applyFilters', () => {
  it('defaults to the 12 weeks up to today and normalises values', () => {
    const f = applyFilters({ company: ' ACME ', country: 'de' }, '2026-11-25');
    expect(f).toMatchObject({ from: '2026-09-03', to: '2026-11-25', company: 'acme', country: 'DE', count: 'postings', open: 'all' });
  });

  it('refuses from after to, naming query.from', () => {
    expect(() => applyFilters({ from: '2026-11-02', to: '2026-11-01' })).toThrow(/query\.from/);
  });
});

describe('planQuery', () => {
  const base = applyFilters({ from: '2026-10-01', to: '2026-10-31' });
  it('answers one dimension filter (or none) from the rollups, with the flags', () => {
    expect(planQuery({ ...base, role: 'full-stack', count: 'unique', open: 'open' })).toEqual({
      from: 'rollups',
      q: { from: '2026-10-01', to: '2026-10-31', facet: { kind: 'role', value: 'full-stack' }, unique: true, openOnly: true },
    });
    expect(planQuery(base)).toMatchObject({ from: 'rollups', q: { facet: { kind: '', value: '' } } });
  });

  it('counts two filters at once, or a kind the rollup does not keep, from the postings', () => {
    expect(planQuery({ ...base, role: 'x', country: 'DE' })).toEqual({
      from: 'postings',
      q: { from: '2026-10-01', to: '2026-10-31', facets: [{ kind: 'role', value: 'x' }, { kind: 'country', value: 'DE' }], unique: false, openOnly: false },
    });
    expect(planQuery({ ...base, company: 'acme' }, ['role'])).toMatchObject({ from: 'postings', q: { facets: [{ kind: 'company', value: 'acme' }] } });
    expect(planQuery({ ...base, company: 'acme' }, ['company'])).toMatchObject({ from: 'rollups' });
    expect(planQuery(base, [])).toMatchObject({ from: 'rollups' });
  });

  it('names the skills a postings query filters on', () => {
    const plan = planQuery({ ...base, skill: 'python', role: 'x' });
    expect(plan.from === 'postings' && [...skillsFilteredOn(plan.q)]).toEqual(['python']);
  });
});

describe('date ranges', () => {
  it('previous period has the same length and ends the day before', () => {
    expect(previousRange('2026-10-05', '2026-10-18')).toEqual({ from: '2026-09-21', to: '2026-10-04' });
  });

  it('snaps to whole months and finds as many months before', () => {
    expect(snapToMonths('2026-10-05', '2026-12-02')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(snapToMonths('2026-02-10', '2026-02-10')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousMonths('2026-01-01', '2026-03-31')).toEqual({ from: '2025-10-01', to: '2025-12-31' });
  });

  it('splits a range into whole Monday weeks and edge days', () => {
    // 2026-10-01 is a Thursday; weeks start 10-05 and 10-12; 10-19..10-20 are left over
    expect(splitRange('2026-10-01', '2026-10-20')).toEqual({
      weeks: ['2026-10-05', '2026-10-12'],
      days: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-19', '2026-10-20'],
    });
    expect(splitRange('2026-10-05', '2026-10-11')).toEqual({ weeks: ['2026-10-05'], days: [] });
  });

  it('lists periods clipped to the range, labelled by their first day', () => {
    expect(periodsOf('2026-09-30', '2026-10-13', 'week')).toEqual([
      { period: '2026-09-28', from: '2026-09-30', to: '2026-10-04' },
      { period: '2026-10-05', from: '2026-10-05', to: '2026-10-11' },
      { period: '2026-10-12', from: '2026-10-12', to: '2026-10-13' },
    ]);
    expect(periodsOf('2026-09-30', '2026-10-02', 'month').map((p) => p.period)).toEqual(['2026-09-01', '2026-10-01']);
    expect(periodsOf('2026-12-31', '2027-01-01', 'day').map((p) => p.period)).toEqual(['2026-12-31', '2027-01-01']);
  });
});

describe('day numbers', () => {
  // What the integer arithmetic replaced: Date per step.
  const viaDate = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

  it('agree with Date over four centuries, leap days and rollover days included', () => {
    const anyDay = fc.integer({ min: dayNumber('1800-01-01'), max: dayNumber('2399-12-31') });
    fc.assert(
      fc.property(anyDay, fc.integer({ min: -1000, max: 1000 }), (n, step) => {
        const day = new Date(n * 86_400_000).toISOString().slice(0, 10);
        expect(dayString(n)).toBe(day);
        expect(dayNumber(day)).toBe(n);
        expect(addDays(day, step)).toBe(viaDate(day, step));
        expect(daysBetween(day, viaDate(day, step))).toBe(step + 1);
      }),
      { numRuns: 5000 },
    );
    expect(['2024-02-29', '2026-02-30', '2026-04-31', '2000-02-29', '1900-02-29'].map((d) => addDays(d, 0))).toEqual(
      ['2024-02-29', '2026-02-30', '2026-04-31', '2000-02-29', '1900-02-29'].map((d) => viaDate(d, 0)),
    );
  });
});

describe('coverRange', () => {
  // Every day of a piece, by grain.
  const daysOf = (p: RollupPiece) => {
    const end = p.grain === 'd' ? p.start : p.grain === 'w' ? addDays(p.start, 6) : addDays(snapToMonths(p.start, p.start).to, 0);
    const out: string[] = [];
    for (let d = p.start; d <= end; d = addDays(d, 1)) out.push(d);
    return out;
  };

  it('uses whole months, then whole weeks, then days', () => {
    expect(coverRange('2026-09-28', '2026-11-02')).toEqual([
      { grain: 'm', start: '2026-10-01' },
      { grain: 'd', start: '2026-09-28' },
      { grain: 'd', start: '2026-09-29' },
      { grain: 'd', start: '2026-09-30' },
      { grain: 'd', start: '2026-11-01' },
      { grain: 'd', start: '2026-11-02' },
    ]);
    expect(coverRange('2026-10-05', '2026-10-18')).toEqual([{ grain: 'w', start: '2026-10-05' }, { grain: 'w', start: '2026-10-12' }]);
    expect(coverRange('2025-11-26', '2026-11-25').filter((p) => p.grain === 'm')).toHaveLength(11);
    expect(coverRange('2025-11-26', '2026-11-25').length).toBeLessThan(30);
  });

  it('covers every day of the range exactly once, Mondays starting the weeks', () => {
    const day = fc.integer({ min: 0, max: 800 }).map((n) => addDays('2025-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 400 }), (from, len) => {
        const to = addDays(from, len);
        const pieces = coverRange(from, to);
        const days = pieces.flatMap(daysOf).sort();
        expect(days).toHaveLength(len + 1);
        expect(new Set(days).size).toBe(len + 1);
        expect([days[0], days.at(-1)]).toEqual([from, to]);
        for (const p of pieces) {
          if (p.grain === 'w') expect(new Date(`${p.start}T00:00:00Z`).getUTCDay()).toBe(1);
          if (p.grain === 'm') expect(p.start.endsWith('-01')).toBe(true);
        }
      }),
    );
  });
});

describe('periodStart', () => {
  it('gives the day, the Monday or the first of the month', () => {
    expect(['day', 'week', 'month'].map((i) => periodStart('2026-10-15', i as 'day'))).toEqual(['2026-10-15', '2026-10-12', '2026-10-01']);
    expect(periodStart('2026-10-12', 'week')).toBe('2026-10-12');
    expect(periodStart('2026-10-18', 'week')).toBe('2026-10-12');
  });
});
