// Role demand over time: /trends/roles as one line per role, with an interval switch.

import { int, pct } from '../format.js';
import { drawTrendLines, statsLoader, swatchLabel } from '../panel.js';
import { trendSeries } from '../periods.js';
import { renderTable, setStatus } from '../ui.js';

/** The role-demand panel in `panel`; `update(filters)` reloads it. */
export function rolesPanel(panel, ctx) {
  const canvas = panel.querySelector('canvas');
  const table = panel.querySelector('table.summary');
  const byPeriod = panel.querySelector('table.by-period');
  const interval = panel.querySelector('select[name=interval]');
  const measure = panel.querySelector('select[name=measure]');
  let filters = {};
  let last = null;
  const stats = statsLoader(panel, ctx);

  async function load() {
    const extra = { interval: interval.value };
    const res = await stats.load({ path: '/trends/roles', filters, extra, csv: 'role-trends.csv', unavailable: 'No data: the role trends endpoint is unavailable.' });
    if (!res) return; // superseded
    last = res.ok ? res : null;
    if (!last) return;
    ctx.onMeta?.(res.meta);
    render();
  }

  function render() {
    const { data, meta } = last;
    if (data.length === 0) return stats.empty('No postings match these filters in this period.');
    setStatus(panel, '');
    const every = meta.interval ?? interval.value;
    const useShare = measure.value === 'share';
    const { from, to, periods, series, totals } = trendSeries(data, meta, every, (r) => r.role, measure.value);
    const roles = [...series.keys()].sort((a, b) => totals.get(b) - totals.get(a));
    drawTrendLines(canvas, { periods, series, keys: roles, name: ctx.roleName, measure: measure.value, interval: every });
    canvas.setAttribute('aria-label', `Line chart, ${useShare ? 'share of postings' : 'postings'} per role per ${every}: ${roles.map((r) => `${ctx.roleName(r)} ${int(totals.get(r))} in total`).join(', ')}. The data table below has the numbers.`);
    renderTable(
      table,
      [
        { label: 'Role', value: (r) => swatchLabel(roles.indexOf(r.role), ctx.roleName(r.role)) },
        { label: 'Postings', value: (r) => int(r.count), num: true },
        { label: 'Periods with postings', value: (r) => int(r.periods), num: true },
      ],
      roles.map((role) => ({ role, count: totals.get(role), periods: data.filter((d) => d.role === role).length })),
      `${roles.length} roles, ${periods.length} ${every}s from ${from} to ${to}`,
      (r) => r.role,
    );
    // The chart's numbers, period by period: what a screen reader gets instead of the lines.
    renderTable(
      byPeriod,
      [{ label: every.charAt(0).toUpperCase() + every.slice(1), value: (i) => periods[i] }, ...roles.map((role) => ({ label: ctx.roleName(role), value: (i) => (useShare ? pct(series.get(role)[i]) : int(series.get(role)[i])), num: true }))],
      periods.map((_, i) => i),
      `${useShare ? 'Share of postings' : 'Postings'} per role and ${every}.`,
    );
  }

  interval.addEventListener('change', load);
  measure.addEventListener('change', () => last && render());
  return {
    update(next) {
      filters = next;
      return load();
    },
  };
}
