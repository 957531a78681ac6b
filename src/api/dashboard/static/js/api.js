// Talking to /api/v1: JSON in, { data, meta } or a problem out, with the optional API key.

import { toQuery } from './query.js';

const KEY_STORAGE = 'roleradar.apiKey';

/** The API key this tab uses, if any. */
export function apiKey() {
  try {
    return sessionStorage.getItem(KEY_STORAGE) ?? '';
  } catch {
    return '';
  }
}

/** Keeps (or, with '', forgets) the API key for this tab. */
export function setApiKey(key) {
  try {
    if (key) sessionStorage.setItem(KEY_STORAGE, key);
    else sessionStorage.removeItem(KEY_STORAGE);
  } catch {
    /* storage disabled: the key lasts until reload */
  }
}

function headers(extra = {}) {
  const key = apiKey();
  return { Accept: 'application/json', ...(key ? { Authorization: `Bearer ${key}` } : {}), ...extra };
}

/**
 * The outcome of one request: { ok: true, data, meta } or { ok: false, kind, status, message }, where
 * kind is 'unavailable' (no such endpoint yet), 'auth' (a key is needed), 'problem' or 'network'.
 */
export async function request(path, { method = 'GET', body, signal } = {}) {
  let res;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      signal,
      headers: headers(body ? { 'Content-Type': 'application/json' } : {}),
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch (err) {
    if (err?.name === 'AbortError') throw err;
    return { ok: false, kind: 'network', status: 0, message: 'The API could not be reached.' };
  }
  const json = await res.json().catch(() => null);
  if (res.ok && json && 'data' in json) return { ok: true, status: res.status, data: json.data, meta: json.meta ?? {} };
  const detail = json?.detail ?? json?.title ?? `HTTP ${res.status}`;
  // A 404 for the path itself (not for an id in it) means this server does not have the endpoint yet.
  if (res.status === 404 && /^no route for/i.test(json?.detail ?? '')) return { ok: false, kind: 'unavailable', status: 404, message: 'This endpoint is not available on this server yet.' };
  if (res.status === 401 || res.status === 403) return { ok: false, kind: 'auth', status: res.status, message: `${detail} Set an API key with read access (top right).` };
  return { ok: false, kind: 'problem', status: res.status, message: detail };
}

/** GET with a query string. */
export const get = (path, query = '', signal) => request(path + query, { signal });

/** Downloads a CSV through fetch, so the API key goes along (a plain link cannot send it). */
export async function downloadCsv(href, filename) {
  const res = await fetch(href, { headers: headers({ Accept: 'text/csv' }) });
  if (!res.ok) throw new Error(`CSV download failed: HTTP ${res.status}`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const UNSUPPORTED = /query\.(\w+): this statistic cannot be filtered by/;

/**
 * GET a statistic for `filters`. A filter the statistic cannot take (the API names it in a 400)
 * is dropped and the request retried, so the panel still answers; `dropped` lists what was left out.
 */
export async function getStats(path, filters, extra, signal) {
  let applied = { ...filters };
  const dropped = [];
  for (;;) {
    const res = await get(path, toQuery(applied, extra), signal);
    const field = !res.ok && res.status === 400 ? UNSUPPORTED.exec(res.message)?.[1] : undefined;
    if (!field || !(field in applied) || dropped.length >= 10) return { ...res, dropped, applied };
    dropped.push(field);
    delete applied[field];
  }
}
