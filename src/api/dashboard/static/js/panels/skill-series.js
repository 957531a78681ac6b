// Skill demand over time: /trends/skills/series, the top five skills for the filters as lines.

import { int, periodLabel } from '../format.js';
import { drawTrendLines, statsLoader, swatchLabel } from '../panel.js';
import { trendSeries } from '../periods.js';
import { renderTable, setStatus } from '../ui.js';

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
    const { periods, series, totals } = trendSeries(data, meta, every, (r) => r.skill, measure.value);
    const skills = (meta.skills ?? [...series.keys()]).filter((s) => series.has(s));
    drawTrendLines(canvas, { periods, series, keys: skills, name: ctx.skillName, measure: measure.value, interval: every });
    canvas.setAttribute('aria-label', `Line chart of postings asking for ${skills.map((s) => `${ctx.skillName(s)} (${int(totals.get(s))})`).join(', ')} per ${every}. The data table below has the numbers.`);
    renderTable(
      table,
      [
        { label: 'Skill', value: (r) => swatchLabel(skills.indexOf(r.skill), ctx.skillName(r.skill)) },
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
