// Role demand over time: /trends/roles as one line per role, with an interval switch.

import { int, pct, periodLabel } from '../format.js';
import { statsLoader } from '../panel.js';
import { periodsBetween, toSeries } from '../periods.js';
import { PALETTE, drawChart, el, renderTable, setStatus } from '../ui.js';

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
    const from = meta.from ?? data[0].period;
    const to = meta.to ?? data[data.length - 1].period;
    const periods = periodsBetween(from, to, meta.interval ?? interval.value);
    const useShare = measure.value === 'share';
    const series = toSeries(data, periods, (r) => r.role, (r) => (useShare ? r.share : r.count));
    const totals = new Map();
    for (const r of data) totals.set(r.role, (totals.get(r.role) ?? 0) + r.count);
    const roles = [...series.keys()].sort((a, b) => totals.get(b) - totals.get(a));
    drawChart(canvas, {
      type: 'line',
      data: {
        labels: periods,
        datasets: roles.map((role, i) => ({
          label: ctx.roleName(role),
          data: series.get(role),
          borderColor: PALETTE[i % PALETTE.length],
          backgroundColor: PALETTE[i % PALETTE.length],
          cubicInterpolationMode: 'monotone',
          pointRadius: 2,
        })),
      },
      options: {
        interaction: { mode: 'index', intersect: false },
        scales: { x: { ticks: { callback: (_v, i) => periodLabel(periods[i], meta.interval ?? interval.value), maxRotation: 0, autoSkipPadding: 12 } }, y: { beginAtZero: true, ticks: useShare ? { callback: (v) => pct(v, 0) } : { precision: 0 }, title: { display: true, text: useShare ? 'share of postings' : 'postings' } } },
        plugins: { legend: { position: 'bottom' }, tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${useShare ? pct(c.parsed.y) : int(c.parsed.y)}` } } },
      },
    });
    canvas.setAttribute('aria-label', `Line chart, ${useShare ? 'share of postings' : 'postings'} per role per ${meta.interval ?? interval.value}: ${roles.map((r) => `${ctx.roleName(r)} ${int(totals.get(r))} in total`).join(', ')}. The data table below has the numbers.`);
    renderTable(
      table,
      [
        { label: 'Role', value: (r) => el('span', { class: 'swatch-label' }, [el('span', { class: 'swatch', 'data-color': String(roles.indexOf(r.role) % PALETTE.length) }), ctx.roleName(r.role)]) },
        { label: 'Postings', value: (r) => int(r.count), num: true },
        { label: 'Periods with postings', value: (r) => int(r.periods), num: true },
      ],
      roles.map((role) => ({ role, count: totals.get(role), periods: data.filter((d) => d.role === role).length })),
      `${roles.length} roles, ${periods.length} ${meta.interval ?? interval.value}s from ${from} to ${to}`,
      (r) => r.role,
    );
    // The chart's numbers, period by period: what a screen reader gets instead of the lines.
    const every = meta.interval ?? interval.value;
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
