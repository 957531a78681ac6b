// What the statistics panels share: the load skeleton (one request in flight, a newer load aborts
// the older; the loading / failed / empty states; the note on filters the statistic cannot take;
// the CSV link kept in step with what was actually applied) and the line chart of a trend over
// time. What else a panel draws stays its own.

import { getStats } from './api.js';
import { int, pct, periodLabel } from './format.js';
import { csvUrl } from './query.js';
import { PALETTE, clearChart, countedNote, drawChart, droppedNote, el, problemText, setCsvLink, setNote, setStatus } from './ui.js';

/**
 * A loader for `panel` (its `.status`, note and `a.csv` link). `clear()` removes what the panel
 * drew when a load fails or there is nothing to show: by default every chart and table in it.
 */
export function statsLoader(panel, ctx, { clear = () => clearDrawn(panel) } = {}) {
  const link = panel.querySelector('a.csv');
  let controller = null;

  /** Stops the load in flight, if any (its promise then resolves to null). */
  function abort() {
    controller?.abort();
    controller = null;
  }

  /**
   * GETs `path` for `filters` and `extra`. Resolves to the response, a failed one already shown as
   * the panel's status (with nothing drawn and the CSV link off), or to null when a newer load or
   * abort() superseded it. `csv` names the download; `unavailable` is told when the server has no
   * such endpoint.
   */
  async function load({ path, filters, extra, csv, unavailable }) {
    controller?.abort();
    controller = new AbortController();
    const { signal } = controller;
    const href = (applied) => csvUrl(`/api/v1${path}`, applied, extra);
    setCsvLink(link, href(filters), csv);
    setStatus(panel, 'loading', 'Loading…');
    const res = await getStats(path, filters, extra, signal).catch(() => null);
    if (!res || signal.aborted) return null;
    if (!res.ok) {
      setNote(panel, '');
      clear();
      setCsvLink(link, '#', csv, false);
      setStatus(panel, res.kind, problemText(res, ctx, unavailable));
      return res;
    }
    setNote(panel, [droppedNote(res.dropped), countedNote(res.meta)].filter(Boolean).join(' '));
    setCsvLink(link, href(res.applied), csv);
    return res;
  }

  /** Shows `message` in place of the chart and tables. */
  function empty(message) {
    clear();
    setStatus(panel, 'empty', message);
  }

  /** Nothing to load (no request is made): stops the one in flight, turns the CSV link off and shows `message`. */
  function idle(message, csv) {
    abort();
    setCsvLink(link, '#', csv, false);
    empty(message);
  }

  return { load, empty, idle };
}

/** Removes every chart and empties every table in `panel`. */
export function clearDrawn(panel) {
  for (const canvas of panel.querySelectorAll('canvas')) clearChart(canvas);
  for (const table of panel.querySelectorAll('table')) table.replaceChildren();
}

/**
 * One line per key of `keys` over `periods` (from trendSeries), coloured in order; `name(key)`
 * labels it. `measure` is 'count' or 'share'; `interval` labels the time axis.
 */
export function drawTrendLines(canvas, { periods, series, keys, name, measure, interval }) {
  const useShare = measure === 'share';
  drawChart(canvas, {
    type: 'line',
    data: {
      labels: periods,
      datasets: keys.map((key, i) => ({
        label: name(key),
        data: series.get(key),
        borderColor: PALETTE[i % PALETTE.length],
        backgroundColor: PALETTE[i % PALETTE.length],
        cubicInterpolationMode: 'monotone',
        pointRadius: 2,
      })),
    },
    options: {
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { ticks: { callback: (_v, i) => periodLabel(periods[i], interval), maxRotation: 0, autoSkipPadding: 12 } },
        y: { beginAtZero: true, ticks: useShare ? { callback: (v) => pct(v, 0) } : { precision: 0 }, title: { display: true, text: useShare ? 'share of postings' : 'postings' } },
      },
      plugins: { legend: { position: 'bottom' }, tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${useShare ? pct(c.parsed.y) : int(c.parsed.y)}` } } },
    },
  });
}

/** A table cell naming the `index`th line of a drawTrendLines chart, with its colour swatch. */
export function swatchLabel(index, text) {
  return el('span', { class: 'swatch-label' }, [el('span', { class: 'swatch', 'data-color': String(index % PALETTE.length) }), text]);
}
