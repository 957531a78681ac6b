// DOM helpers shared by the panels: elements built with textContent (never innerHTML), tables,
// status lines and Chart.js instances that are replaced, not leaked.

import { downloadCsv } from './api.js';

/** Okabe-Ito: distinguishable with the common colour-vision deficiencies. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

/** An element with attributes (class, text, data-*, aria-*...) and children. */
export function el(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') node.textContent = String(v);
    else if (k === 'class') node.className = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  node.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

/** Shows a panel's state: 'loading', 'empty', 'error', 'unavailable', 'auth' or '' (data shown). */
export function setStatus(panel, kind, message = '') {
  const status = panel.querySelector('.status');
  panel.dataset.state = kind || 'ready';
  status.textContent = message;
  status.className = `status ${kind}`;
  status.hidden = !message;
}

/** Fills `table` with a header row and one row per item; columns are { label, value(row), num? }; `keyOf` tags rows (data-key). */
export function renderTable(table, columns, rows, caption, keyOf) {
  const head = el('thead', {}, [el('tr', {}, columns.map((c) => el('th', { scope: 'col', class: c.num ? 'num' : null, text: c.label })))]);
  const body = el(
    'tbody',
    {},
    rows.map((r) =>
      el(
        'tr',
        { 'data-key': keyOf?.(r) },
        columns.map((c, i) => {
          const v = c.value(r);
          const cell = el(i === 0 ? 'th' : 'td', { scope: i === 0 ? 'row' : null, class: c.num ? 'num' : null });
          if (v instanceof Node) cell.append(v);
          else cell.textContent = v ?? '–';
          return cell;
        }),
      ),
    ),
  );
  table.replaceChildren(...(caption ? [el('caption', { text: caption })] : []), head, body);
}

const charts = new WeakMap();

/** Draws a Chart.js chart on `canvas`, replacing the one drawn there before. */
export function drawChart(canvas, config) {
  charts.get(canvas)?.destroy();
  if (!window.Chart) throw new Error('Chart.js did not load');
  const chart = new window.Chart(canvas, config);
  charts.set(canvas, chart);
  return chart;
}

/** Removes the chart on `canvas`, if any (the panel then shows its status instead). */
export function clearChart(canvas) {
  charts.get(canvas)?.destroy();
  charts.delete(canvas);
}

/** Points a panel's CSV link at `href`; disabled while the endpoint is unavailable. */
export function setCsvLink(link, href, filename, enabled = true) {
  link.href = enabled ? href : '#';
  link.setAttribute('download', filename);
  link.toggleAttribute('aria-disabled', !enabled);
  if (enabled) link.removeAttribute('tabindex');
  else link.setAttribute('tabindex', '-1'); // nothing to download: keep it out of the tab order
  link.dataset.filename = filename;
}

/** CSV links download through fetch, so an API key goes along with them. */
export function wireCsvLinks(root) {
  root.addEventListener('click', (event) => {
    const link = event.target.closest?.('a.csv');
    if (!link) return;
    event.preventDefault();
    if (link.hasAttribute('aria-disabled')) return;
    downloadCsv(link.href, link.dataset.filename ?? 'data.csv').catch((err) => {
      const panel = link.closest('.panel');
      if (panel) setStatus(panel, 'error', err.message);
    });
  });
}

/** Chart.js defaults that keep every chart readable and consistent. */
export function chartDefaults() {
  const Chart = window.Chart;
  if (!Chart) return;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#334155';
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.animation = false;
  Chart.defaults.plugins.legend.labels.boxWidth = 12;
}

/** A one-line note under a panel's title (e.g. the filters it could not apply); '' removes it. */
export function setNote(panel, text) {
  let note = panel.querySelector('.panel-note');
  if (!text) return note?.remove();
  if (!note) {
    note = el('p', { class: 'panel-note' });
    panel.querySelector('.panel-head').after(note);
  }
  note.textContent = text;
}

/** The note for filters a statistic could not take. */
export const droppedNote = (dropped) => (dropped.length ? `Not filtered by ${dropped.join(', ')}: this statistic cannot be.` : '');

/** What a panel notes about how its answer was counted: filters the API counts from the postings (slower) rather than from its rollups. */
export const countedNote = (meta) => (meta?.countedFrom === 'postings' ? 'Counted from the matching postings: these filters are not pre-counted together, so this panel loads more slowly.' : '');

/** Category ticks that shorten long names on narrow charts ("Hugging Face Transf…"); tooltips keep the full name. */
export function categoryTicks() {
  return {
    autoSkip: false,
    callback(value) {
      const label = String(this.getLabelForValue(value) ?? '');
      const max = this.chart.width < 480 ? 16 : 32;
      return label.length > max ? `${label.slice(0, max - 1)}…` : label;
    },
  };
}

/** Sizes a horizontal bar chart's box to its bar count, so 50 bars stay as readable as 10 (CSSOM: the CSP allows it). */
export function fitBars(canvas, bars, perBar = 20, extra = 80) {
  canvas.parentElement.style.height = `${Math.max(200, bars * perBar + extra)}px`;
}

/** The status text of a failed panel; a refusal of the filters is told once, on the form, by `ctx.onProblem`. */
export function problemText(res, ctx, unavailable) {
  if (res.kind === 'unavailable') return unavailable;
  return ctx.onProblem?.(res) ? 'Not shown: the API refused these filters (see above).' : res.message;
}
