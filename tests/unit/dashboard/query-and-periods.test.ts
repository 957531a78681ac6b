import { describe, expect, it } from 'vitest';
import { clientModule } from './client-modules.ts';
import type { FormatModule, PeriodsModule, QueryModule } from './client-modules.ts';

const query = await clientModule<QueryModule>('query.js');
const periods = await clientModule<PeriodsModule>('periods.js');
const format = await clientModule<FormatModule>('format.js');

describe('filters in URLs', () => {
  it('reads the known filters, upper-cases the country and drops the rest', () => {
    expect(query.filtersFromSearch('?role=api-integration&country=de&junk=1&skill=&count=unique')).toEqual({ role: 'api-integration', country: 'DE', count: 'unique' });
  });

  it('writes filters and panel options, leaving out empty and default values', () => {
    expect(query.toQuery({ from: '2026-09-01', role: 'full-stack', count: 'postings', open: 'all', skill: '' }, { interval: 'week' })).toBe(
      '?from=2026-09-01&role=full-stack&interval=week',
    );
    expect(query.toQuery({})).toBe('');
    expect(query.csvUrl('/api/v1/salaries', { open: 'open' }, { groupBy: 'role' })).toBe('/api/v1/salaries?open=open&groupBy=role&format=csv');
  });

  it('round-trips through the query string', () => {
    const f = { from: '2026-09-01', to: '2026-11-24', workplace: 'remote', seniority: 'senior', count: 'unique', open: 'open' };
    expect(query.filtersFromSearch(query.toQuery(f))).toEqual(f);
  });
});

describe('periods', () => {
  it('starts weeks on Monday and months on the 1st, as Postgres date_trunc does', () => {
    expect(periods.periodStart('2026-11-25', 'week')).toBe('2026-11-23'); // a Wednesday
    expect(periods.periodStart('2026-11-23', 'week')).toBe('2026-11-23');
    expect(periods.periodStart('2026-11-29', 'week')).toBe('2026-11-23'); // a Sunday
    expect(periods.periodStart('2026-11-25', 'month')).toBe('2026-11-01');
  });

  it('lists every period in a range, so quiet ones show as zero', () => {
    expect(periods.periodsBetween('2026-09-02', '2026-11-25', 'month')).toEqual(['2026-09-01', '2026-10-01', '2026-11-01']);
    const weeks = periods.periodsBetween('2026-09-02', '2026-11-25', 'week');
    expect(weeks[0]).toBe('2026-08-31');
    expect(weeks.at(-1)).toBe('2026-11-23');
    expect(weeks).toHaveLength(13);
    expect(periods.periodsBetween('2026-12-30', '2027-01-02', 'day')).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
  });

  it('turns rows into one zero-filled series per key', () => {
    const ps = ['2026-11-09', '2026-11-16', '2026-11-23'];
    const rows = [
      { period: '2026-11-09', role: 'a', count: 2 },
      { period: '2026-11-23', role: 'a', count: 5 },
      { period: '2026-11-16', role: 'b', count: 1 },
    ];
    const s = periods.toSeries(rows, ps, (r) => r.role, (r) => r.count);
    expect(s.get('a')).toEqual([2, 0, 5]);
    expect(s.get('b')).toEqual([0, 1, 0]);
  });

  it('spreads a trend response over its whole range, by count or share, with each key’s total', () => {
    const rows = [
      { period: '2026-11-16', role: 'a', count: 2, share: 0.5 },
      { period: '2026-11-23', role: 'a', count: 5, share: 1 },
      { period: '2026-11-16', role: 'b', count: 2, share: 0.5 },
    ];
    const byShare = periods.trendSeries(rows, { from: '2026-11-10', to: '2026-11-25' }, 'week', (r) => r.role, 'share');
    expect(byShare.periods).toEqual(['2026-11-09', '2026-11-16', '2026-11-23']);
    expect(byShare.series.get('a')).toEqual([0, 0.5, 1]);
    expect(byShare.totals).toEqual(new Map([['a', 7], ['b', 2]]));
    // Without meta's range, the first and last rows bound it.
    const byCount = periods.trendSeries(rows, {}, 'week', (r) => r.role, 'count');
    expect(byCount).toMatchObject({ from: '2026-11-16', to: '2026-11-16', periods: ['2026-11-16'] });
    expect(byCount.series.get('b')).toEqual([2]);
  });
});

describe('formatting', () => {
  it('writes a salary range in its own currency and period', () => {
    expect(format.salaryText({ min: 70000, max: 90000, currency: 'EUR', period: 'year' })).toBe('€70,000–€90,000 per year');
    expect(format.salaryText({ min: 45, max: 45, currency: 'GBP', period: 'hour' })).toBe('£45 per hour');
    expect(format.salaryText({ min: 50000, max: null, currency: null, period: null })).toBe('50,000 (currency not stated)');
    expect(format.salaryText(null)).toBeNull();
  });

  it('never puts two currencies in one group', () => {
    const groups = format.byCurrency([
      { group: 'a', currency: 'EUR' },
      { group: 'a', currency: 'USD' },
      { group: 'b', currency: 'EUR' },
    ]);
    expect(groups.map(([c, rows]) => [c, rows.length])).toEqual([['EUR', 2], ['USD', 1]]);
    for (const [c, rows] of groups) expect(rows.every((r) => r.currency === c)).toBe(true);
  });

  it('signs growth', () => {
    expect(format.growth(0.25)).toBe('+25%');
    expect(format.growth(-0.5)).toBe('-50%');
    expect(format.growth(0)).toBe('0%');
  });
});
