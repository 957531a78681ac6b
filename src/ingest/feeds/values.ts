// Small readers for untrusted JSON/XML values: every field of a feed may be missing, null, the
// wrong type or (in XML) an object with attributes, so adapters read through these.

/** A plain object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as an array: arrays as they are, a single value as [value], nothing as []. */
export function asArray(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

/** A trimmed non-empty string (numbers become strings), else null; reads an XML node's text. */
export function str(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (isRecord(value) && '#text' in value) return str(value['#text']);
  return null;
}

/** A finite number from a number or numeric string, else null. */
export function num(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return null;
}

/** The record at obj[key], or an empty one, for reading nested fields without checks. */
export function rec(obj: unknown, key: string): Record<string, unknown> {
  if (!isRecord(obj)) return {};
  const value = obj[key];
  return isRecord(value) ? value : {};
}

/** An XML attribute value (fast-xml-parser stores attributes as "@_name"). */
export function attr(node: unknown, name: string): string | null {
  return isRecord(node) ? str(node[`@_${name}`]) : null;
}

/** An absolute http(s) URL: href resolved against base; null when it is not one. */
export function absoluteUrl(href: unknown, base?: string): string | null {
  const text = str(href);
  if (text === null) return null;
  try {
    const url = base === undefined ? new URL(text) : new URL(text, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** An ISO 8601 timestamp for a date the source gives (ISO, RFC 822, epoch ms); null when unparseable. */
export function isoDate(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
  }
  const text = str(value);
  if (text === null) return null;
  // Already ISO 8601 (date or date-time): keep it as the source wrote it, zone included.
  if (/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) return text;
  // "2026-08-05 10:10:39 UTC" (Recruitee) and similar space-separated forms.
  const spaced = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.\d+)? ?(UTC|Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (spaced) {
    const zone = spaced[3] === undefined || spaced[3] === 'UTC' ? 'Z' : spaced[3];
    return `${spaced[1]}T${spaced[2]}${zone}`;
  }
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? null : new Date(parsed).toISOString();
}

/** Copies a passed-through JSON value, dropping what is nested deeper than maxDepth and prototype keys. */
export function boundedClone(value: unknown, maxDepth = 12): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (maxDepth <= 0) return undefined;
  if (Array.isArray(value)) {
    return value.map((v) => boundedClone(v, maxDepth - 1)).filter((v) => v !== undefined);
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    const copy = boundedClone(v, maxDepth - 1);
    if (copy !== undefined) out[key] = copy;
  }
  return out;
}
