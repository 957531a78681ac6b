// Filters <-> query strings. Pure: shared by the page and its unit tests.

/** The filters every statistics endpoint takes, in the order they appear in URLs. */
export const FILTER_KEYS = ['from', 'to', 'role', 'skill', 'country', 'workplace', 'seniority', 'count', 'open'];

/** Values the API assumes when a filter is absent: left out of URLs to keep them short. */
export const FILTER_DEFAULTS = { count: 'postings', open: 'all' };

/** The filters found in a query string (unknown keys and empty values dropped). */
export function filtersFromSearch(search) {
  const params = new URLSearchParams(search);
  const filters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = key === 'country' ? value.toUpperCase() : value;
  }
  return filters;
}

/** A query string for `filters` plus panel options in `extra`; empty and default values are left out. */
export function toQuery(filters, extra = {}) {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value && value !== FILTER_DEFAULTS[key]) params.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** The CSV download URL of an endpoint for these filters. */
export function csvUrl(path, filters, extra = {}) {
  return path + toQuery(filters, { ...extra, format: 'csv' });
}
