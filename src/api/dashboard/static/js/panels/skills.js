// Top, rising and falling skills: /trends/skills as stacked bars (required / preferred / other) and a table.

import { growth, int, pct } from '../format.js';
import { statsLoader } from '../panel.js';
import { categoryTicks, fitBars, drawChart, el, renderTable, setStatus } from '../ui.js';

const TREND_MARK = { rising: '▲', falling: '▼', steady: '–' };

// "▲ +25%" coloured by the API's trend; "new" when the span before had none (growth would read +N00%).
function trendCell(r) {
  const text = r.previousCount === 0 && r.count > 0 ? 'new' : growth(r.growth);
  return el('span', { class: `trend ${r.trend}`, title: `${r.trend}: ${int(r.previousCount)} postings in the span before` }, [
    el('span', { 'aria-hidden': 'true', text: `${TREND_MARK[r.trend] ?? ''} ` }),
    el('span', { class: 'sr-only', text: `${r.trend}, ` }),
    text,
  ]);
}

/** Rows for the chosen view: top keeps the API's order (count desc); rising/falling sort by growth. */
export function skillView(rows, view) {
  if (view === 'top') return rows;
  const picked = rows.filter((r) => r.trend === view);
  return picked.sort((a, b) => (view === 'rising' ? b.growth - a.growth : a.growth - b.growth));
}

/** The skills panel in `panel`; `update(filters)` reloads it; `onSkills(rows)` hears the top list. */
export function skillsPanel(panel, ctx) {
  const canvas = panel.querySelector('canvas');
  const table = panel.querySelector('table');
  const view = panel.querySelector('select[name=view]');
  const limit = panel.querySelector('select[name=limit]');
  let filters = {};
  let rows = null;
  const stats = statsLoader(panel, ctx);

  async function load() {
    const extra = { limit: limit.value };
    const res = await stats.load({ path: '/trends/skills', filters, extra, csv: 'skill-trends.csv', unavailable: 'No data: the skill trends endpoint is unavailable.' });
    if (!res) return; // superseded
    rows = res.ok ? res.data : null;
    if (!rows) return;
    ctx.onSkills?.(rows);
    render();
  }

  function render() {
    const shown = skillView(rows, view.value);
    if (shown.length === 0) {
      const what = view.value === 'top' ? 'skills' : `${view.value} skills`;
      return stats.empty(`No ${what} for these filters.`);
    }
    setStatus(panel, '');
    const split = shown.map((r) => {
      const required = Math.round(r.count * (r.requiredShare ?? 0));
      const preferred = Math.round(r.count * (r.preferredShare ?? 0));
      return { required, preferred, other: Math.max(0, r.count - required - preferred) };
    });
    fitBars(canvas, shown.length);
    drawChart(canvas, {
      type: 'bar',
      data: {
        labels: shown.map((r) => r.name ?? r.skill),
        datasets: [
          { label: 'Required', data: split.map((s) => s.required), backgroundColor: '#0072B2' },
          { label: 'Preferred', data: split.map((s) => s.preferred), backgroundColor: '#56B4E9' },
          { label: 'Mentioned', data: split.map((s) => s.other), backgroundColor: '#CBD5E1' },
        ],
      },
      options: {
        indexAxis: 'y',
        scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'postings' } }, y: { stacked: true, ticks: categoryTicks() } },
        plugins: { legend: { position: 'bottom' } },
      },
    });
    renderTable(
      table,
      [
        { label: 'Skill', value: (r) => r.name ?? r.skill },
        { label: 'Postings', value: (r) => int(r.count), num: true },
        { label: 'Share', value: (r) => pct(r.share), num: true },
        { label: 'Required', value: (r) => pct(r.requiredShare, 0), num: true },
        { label: 'Preferred', value: (r) => pct(r.preferredShare, 0), num: true },
        { label: 'Trend', value: trendCell, num: true },
      ],
      shown,
      'Required and preferred: share of the postings asking for the skill that require / prefer it. Growth: against the same number of days just before.',
      (r) => r.skill,
    );
  }

  view.addEventListener('change', () => rows && render());
  limit.addEventListener('change', load);
  return {
    update(next) {
      filters = next;
      return load();
    },
  };
}
