// The load skeleton every statistics panel shares: one request in flight (a newer load aborts the
// older), the loading / failed / empty states, the note on filters the statistic cannot take and
// the CSV link kept in step with what was actually applied. What a panel draws stays its own.

import { getStats } from './api.js';
import { csvUrl } from './query.js';
import { clearChart, droppedNote, problemText, setCsvLink, setNote, setStatus } from './ui.js';

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
    setNote(panel, droppedNote(res.dropped));
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
