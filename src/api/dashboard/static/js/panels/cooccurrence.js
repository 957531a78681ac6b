// Skills that come with a chosen skill: /skills/{id}/cooccurrence, bars of lift and a table.

import { int, pct, ratio } from '../format.js';
import { statsLoader } from '../panel.js';
import { categoryTicks, fitBars, drawChart, renderTable, setStatus } from '../ui.js';

/** The co-occurrence panel; its skill comes from its own picker (default: the skill filter or the top skill). */
export function cooccurrencePanel(panel, ctx) {
  const canvas = panel.querySelector('canvas');
  const table = panel.querySelector('table');
  const picker = panel.querySelector('select[name=skill]');
  let filters = {};
  const stats = statsLoader(panel, ctx);

  async function load() {
    const skill = picker.value;
    if (!skill) return stats.idle('Pick a skill to see what comes with it.', 'cooccurrence.csv');
    const path = `/skills/${encodeURIComponent(skill)}/cooccurrence`;
    // The skill filter is the panel's subject, not a filter on it: within the postings having
    // python, python's lift with everything would be 1. Another skill filter stays a filter.
    const { skill: filtered, ...others } = filters;
    const res = await stats.load({ path, filters: filtered === skill ? others : filters, extra: { limit: 15 }, csv: `cooccurrence-${skill}.csv`, unavailable: 'No data: the co-occurrence endpoint is unavailable.' });
    if (!res?.ok) return; // superseded, or failed (shown)
    const rows = res.data;
    const name = ctx.skillName(skill);
    if (rows.length === 0) return stats.empty(`No other skills appear with ${name} under these filters.`);
    setStatus(panel, '');
    fitBars(canvas, rows.length);
    drawChart(canvas, {
      type: 'bar',
      data: {
        labels: rows.map((r) => r.name ?? r.skill),
        datasets: [{ label: `Lift with ${name}`, data: rows.map((r) => r.lift), backgroundColor: rows.map((r) => (r.lift > 1.05 ? '#009E73' : r.lift < 0.95 ? '#CC79A7' : '#94A3B8')) }],
      },
      options: {
        indexAxis: 'y',
        scales: { x: { beginAtZero: true, title: { display: true, text: 'lift: above 1 = together more often than by chance' } }, y: { ticks: categoryTicks() } },
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => `lift ${ratio(c.parsed.x)} · ${int(rows[c.dataIndex].count)} postings` } } },
      },
    });
    const postings = res.meta?.postings;
    renderTable(
      table,
      [
        { label: 'Skill', value: (r) => r.name ?? r.skill },
        { label: 'Together', value: (r) => int(r.count), num: true },
        { label: `Share of ${name}`, value: (r) => pct(r.share), num: true },
        { label: 'Lift', value: (r) => ratio(r.lift), num: true },
      ],
      rows,
      postings != null ? `${int(postings)} postings ask for ${name}.` : undefined,
      (r) => r.skill,
    );
  }

  /** Sets the picker's options (taxonomy skills, or the top skills when there is no taxonomy). */
  function setOptions(skills) {
    const keep = picker.value;
    picker.replaceChildren(new Option('Choose a skill…', ''), ...skills.map((s) => new Option(s.name, s.id)));
    if (keep) choose(keep);
  }

  function choose(id) {
    if (![...picker.options].some((o) => o.value === id)) picker.append(new Option(ctx.skillName(id), id));
    picker.value = id;
  }

  let picked = false; // once the user picks, the panel stops following the top skill
  picker.addEventListener('change', () => {
    picked = Boolean(picker.value);
    load();
  });
  return {
    setOptions,
    /** The skill shown now ('' when none). */
    current: () => picker.value,
    /** Reloads for `next`: the skill filter wins, then the user's pick, then `fallback` (the top skill). */
    update(next, fallback) {
      filters = next;
      if (next.skill) choose(next.skill);
      else if (!picked && fallback) choose(fallback);
      return load();
    },
  };
}
