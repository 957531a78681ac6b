// Skill demand over time: /trends/skills/series, the top five skills for the filters as lines.

import { int, pct, periodLabel } from '../format.js';
import { statsLoader } from '../panel.js';
import { periodsBetween, toSeries } from '../periods.js';
import { PALETTE, drawChart, el, renderTable, setStatus } from '../ui.js';

/** The skill-series panel in `panel`; `update(filters)` reloads it. */
export function skillSeriesPanel(panel, ctx) {
  const canvas = panel.querySelector('canvas');
  const table = panel.querySelector('table');
  const interval = panel.querySelector('select[name=interval]');
  const measure = panel.querySelector('select[name=measure]');
  let filters = {};
  let last = null;
  const stats = statsLoader(panel, ctx);

  async function load() {
    const extra = { interval: interval.value };
    const res = await stats.load({ path: '/trends/skills/series', filters, extra, csv: 'skill-series.csv', unavailable: 'No data: the skill series endpoint is unavailable.' });
    if (!res) return; // superseded
    last = res.ok ? res : null;
    if (last) render();
  }

  function render() {
    const { data, meta } = last;
    if (data.length === 0) return stats.empty('No skill was asked for under these filters in this period.');
    setStatus(panel, '');
    const every = meta.interval ?? interval.value;
    const periods = periodsBetween(meta.from ?? data[0].period, meta.to ?? data[data.length - 1].period, every);
    const useShare = measure.value === 'share';
    const series = toSeries(data, periods, (r) => r.skill, (r) => (useShare ? r.share : r.count));
    const totals = new Map();
    for (const r of data) totals.set(r.skill, (totals.get(r.skill) ?? 0) + r.count);
    const skills = (meta.skills ?? [...series.keys()]).filter((s) => series.has(s));
    drawChart(canvas, {
      type: 'line',
      data: {
        labels: periods,
        datasets: skills.map((skill, i) => ({
          label: ctx.skillName(skill),
          data: series.get(skill),
          borderColor: PALETTE[i % PALETTE.length],
          backgroundColor: PALETTE[i % PALETTE.length],
          cubicInterpolationMode: 'monotone',
          pointRadius: 2,
        })),
      },
      options: {
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: { ticks: { callback: (_v, i) => periodLabel(periods[i], every), maxRotation: 0, autoSkipPadding: 12 } },
          y: { beginAtZero: true, ticks: useShare ? { callback: (v) => pct(v, 0) } : { precision: 0 }, title: { display: true, text: useShare ? 'share of postings' : 'postings' } },
        },
        plugins: { legend: { position: 'bottom' }, tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${useShare ? pct(c.parsed.y) : int(c.parsed.y)}` } } },
      },
    });
    canvas.setAttribute('aria-label', `Line chart of postings asking for ${skills.map((s) => `${ctx.skillName(s)} (${int(totals.get(s))})`).join(', ')} per ${every}. The data table below has the numbers.`);
    renderTable(
      table,
      [
        { label: 'Skill', value: (r) => el('span', { class: 'swatch-label' }, [el('span', { class: 'swatch', 'data-color': String(skills.indexOf(r.skill) % PALETTE.length) }), ctx.skillName(r.skill)]) },
        { label: 'Postings', value: (r) => int(r.count), num: true },
        { label: `Busiest ${every}`, value: (r) => r.peak },
      ],
      skills.map((skill) => {
        const points = series.get(skill);
        const top = points.indexOf(Math.max(...points));
        return { skill, count: totals.get(skill), peak: periodLabel(periods[top], every) };
      }),
      undefined,
      (r) => r.skill,
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
