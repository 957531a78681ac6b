// Salary bands: /salaries as one chart per currency (never mixed), p25-p75 bars with the median marked.

import { byCurrency, int, money } from '../format.js';
import { clearDrawn, statsLoader } from '../panel.js';
import { categoryTicks, drawChart, el, renderTable, setStatus } from '../ui.js';

/** The salary panel; `update(filters)` reloads it. */
export function salariesPanel(panel, ctx) {
  const holder = panel.querySelector('.salary-charts');
  const table = panel.querySelector('table');
  const groupBy = panel.querySelector('select[name=groupBy]');
  let filters = {};
  // One chart per currency: the set of canvases changes with the data, so each load starts from none.
  function clear() {
    clearDrawn(panel);
    holder.replaceChildren();
  }
  const stats = statsLoader(panel, ctx, { clear });

  const label = (group) => (groupBy.value === 'role' ? ctx.roleName(group) : groupBy.value === 'skill' ? ctx.skillName(group) : group ?? 'unknown');

  async function load() {
    const res = await stats.load({ path: '/salaries', filters, extra: { groupBy: groupBy.value }, csv: `salaries-by-${groupBy.value}.csv`, unavailable: 'No data: the salaries endpoint is unavailable.' });
    if (!res?.ok) return; // superseded, or failed (shown)
    if (res.data.length === 0) return stats.empty('No postings with a stated salary match these filters.');
    clear();
    setStatus(panel, '');
    for (const [currency, rows] of byCurrency(res.data)) drawCurrency(currency, rows);
    renderTable(
      table,
      [
        { label: groupBy.selectedOptions[0]?.textContent ?? 'Group', value: (r) => label(r.group) },
        { label: 'Currency', value: (r) => r.currency },
        { label: 'Postings', value: (r) => int(r.n), num: true },
        { label: 'p25', value: (r) => money(r.p25, r.currency), num: true },
        { label: 'Median', value: (r) => money(r.p50, r.currency), num: true },
        { label: 'p75', value: (r) => money(r.p75, r.currency), num: true },
      ],
      res.data,
      'Annualised: the midpoint of each posting’s range, per year.',
      (r) => `${r.group}|${r.currency}`,
    );
  }

  function drawCurrency(currency, rows) {
    const canvas = el('canvas', { role: 'img', 'aria-label': `Salary bands in ${currency} by ${groupBy.value}` });
    const box = el('div', { class: 'chart' }, [canvas]);
    box.style.height = `${Math.max(150, rows.length * 34 + 70)}px`; // CSSOM, which the CSP allows (style attributes it does not)
    const figure = el('figure', { class: 'salary-chart', 'data-currency': currency }, [el('figcaption', { text: `${currency} · per year` }), box]);
    holder.append(figure);
    drawChart(canvas, {
      type: 'bar',
      data: {
        labels: rows.map((r) => `${label(r.group)} (n=${r.n})`),
        datasets: [
          { type: 'bar', label: 'p25–p75', data: rows.map((r) => [r.p25, r.p75]), backgroundColor: 'rgba(0,114,178,0.35)', borderColor: '#0072B2', borderWidth: 1, borderSkipped: false, barPercentage: 0.6, order: 2 },
          { type: 'line', label: 'Median', indexAxis: 'y', data: rows.map((r) => r.p50), showLine: false, pointStyle: 'line', rotation: 90, pointRadius: 10, pointBorderWidth: 3, borderColor: '#D55E00', backgroundColor: '#D55E00', order: 1 },
        ],
      },
      options: {
        indexAxis: 'y',
        // Not from zero: the spread between bands is the point, and every tick is labelled in money.
        scales: { x: { beginAtZero: false, grace: '5%', ticks: { callback: (v) => money(v, currency), maxTicksLimit: 6 } }, y: { ticks: categoryTicks() } },
        plugins: {
          legend: { position: 'bottom' },
          tooltip: { callbacks: { label: (c) => { const r = rows[c.dataIndex]; return c.datasetIndex === 0 ? `${money(r.p25, currency)} – ${money(r.p75, currency)} (n=${r.n})` : `median ${money(r.p50, currency)}`; } } },
        },
      },
    });
  }

  groupBy.addEventListener('change', load);
  return {
    update(next) {
      filters = next;
      return load();
    },
  };
}
