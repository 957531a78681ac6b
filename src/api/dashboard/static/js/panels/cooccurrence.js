// Skills that come with a chosen skill: /skills/{id}/cooccurrence, bars of lift and a table.

import { getStats } from '../api.js';
import { int, pct, ratio } from '../format.js';
import { csvUrl } from '../query.js';
import { categoryTicks, fitBars, clearChart, drawChart, renderTable, setCsvLink, droppedNote, setNote, problemText, setStatus } from '../ui.js';

/** The co-occurrence panel; its skill comes from its own picker (default: the skill filter or the top skill). */
export function cooccurrencePanel(panel, ctx) {
  const canvas = panel.querySelector('canvas');
  const table = panel.querySelector('table');
  const picker = panel.querySelector('select[name=skill]');
  const link = panel.querySelector('a.csv');
  let filters = {};
  let controller = null;

  async function load() {
    controller?.abort();
    const skill = picker.value;
    if (!skill) {
      clearChart(canvas);
      table.replaceChildren();
      setCsvLink(link, '#', 'cooccurrence.csv', false);
      return setStatus(panel, 'empty', 'Pick a skill to see what comes with it.');
    }
    controller = new AbortController();
    const path = `/skills/${encodeURIComponent(skill)}/cooccurrence`;
    const extra = { limit: 15 };
    setCsvLink(link, csvUrl(`/api/v1${path}`, filters, extra), `cooccurrence-${skill}.csv`);
    setStatus(panel, 'loading', 'Loading…');
    const res = await getStats(path, filters, extra, controller.signal).catch(() => null);
    if (!res) return;
    if (!res.ok) {
      setNote(panel, '');
      clearChart(canvas);
      table.replaceChildren();
      setCsvLink(link, '#', 'cooccurrence.csv', false);
      return setStatus(panel, res.kind, problemText(res, ctx, 'No data: the co-occurrence endpoint is unavailable.'));
    }
    setNote(panel, droppedNote(res.dropped));
    setCsvLink(link, csvUrl(`/api/v1${path}`, res.applied, extra), `cooccurrence-${skill}.csv`);
    const rows = res.data;
    const name = ctx.skillName(skill);
    if (rows.length === 0) {
      clearChart(canvas);
      table.replaceChildren();
      return setStatus(panel, 'empty', `No other skills appear with ${name} under these filters.`);
    }
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
