import type { Scope } from './api-key.ts';

// Which scope each API route needs, in ONE table. Rows are method + path pattern; the first row
// that matches wins. `:x` matches one path segment, a trailing `*` the rest of the path.
// Anything under /api/ that no row names is refused for every key (default deny): a new
// non-GET route must be added here before any key can call it. Paths outside /api/ (the
// dashboard, its static assets, /metrics) are public.

export type Access = { kind: 'public' } | { kind: 'scopes'; scopes: readonly Scope[] } | { kind: 'deny' };

interface Row {
  method: string;
  path: string;
  access: Access;
}

const PUBLIC: Access = { kind: 'public' };
const scopes = (...s: Scope[]): Access => ({ kind: 'scopes', scopes: s });

/** The route/scope table. `admin` is implied wherever `submit` or `read` is enough. */
export const ROUTE_ACCESS: readonly Row[] = [
  { method: 'GET', path: '/api/v1/health', access: PUBLIC },
  { method: 'GET', path: '/api/v1/openapi.json', access: PUBLIC },
  { method: 'GET', path: '/api/v1/docs', access: PUBLIC },
  { method: 'GET', path: '/api/v1/docs/*', access: PUBLIC },
  // recruiters submit postings and poll the ones they submitted (analysts may read them too)
  { method: 'POST', path: '/api/v1/postings', access: scopes('submit') },
  { method: 'GET', path: '/api/v1/postings/:id', access: scopes('submit', 'read') },
  // operations: failed jobs carry payloads and errors, retrying them changes state
  { method: 'GET', path: '/api/v1/queues/*', access: scopes('admin') },
  { method: 'POST', path: '/api/v1/queues/*', access: scopes('admin') },
  // feeds: reading the registry and its runs is analysis; changing or running it is admin
  { method: 'POST', path: '/api/v1/feeds', access: scopes('admin') },
  { method: 'PATCH', path: '/api/v1/feeds/:id', access: scopes('admin') },
  { method: 'DELETE', path: '/api/v1/feeds/:id', access: scopes('admin') },
  { method: 'POST', path: '/api/v1/feeds/:id/run', access: scopes('admin') },
  // taxonomy changes
  { method: 'POST', path: '/api/v1/taxonomy*', access: scopes('admin') },
  { method: 'PUT', path: '/api/v1/taxonomy*', access: scopes('admin') },
  { method: 'PATCH', path: '/api/v1/taxonomy*', access: scopes('admin') },
  { method: 'DELETE', path: '/api/v1/taxonomy*', access: scopes('admin') },
  // every other read: trends, skills, salaries, postings list, taxonomy, feeds list and runs
  { method: 'GET', path: '/api/v1/*', access: scopes('read') },
];

const PROTECTED_PREFIX = '/api/';

/** What `method path` needs; `path` is a concrete path or a route pattern ("/api/v1/feeds/:id"). */
export function routeAccess(method: string, path: string, table: readonly Row[] = ROUTE_ACCESS): Access {
  const m = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  const row = table.find((r) => r.method === m && pathMatches(r.path, path));
  if (row) return row.access;
  return path.startsWith(PROTECTED_PREFIX) || path === '/api' ? { kind: 'deny' } : PUBLIC;
}

/**
 * The strictest of several requirements (one per route pattern a request matched, and its raw
 * path): deny wins, then scopes, where a key must then hold a scope every requirement accepts.
 */
export function strictest(accesses: readonly Access[]): Access {
  if (accesses.some((a) => a.kind === 'deny')) return { kind: 'deny' };
  const needs = accesses.filter((a): a is Extract<Access, { kind: 'scopes' }> => a.kind === 'scopes');
  if (needs.length === 0) return PUBLIC;
  // An empty intersection leaves admin only (admin implies every scope): stricter, never looser.
  return { kind: 'scopes', scopes: needs.map((a) => a.scopes).reduce((acc, s) => acc.filter((x) => s.includes(x))) };
}

/** Whether a key holding `held` may use a route needing `access` (admin implies every scope). */
export function scopeAllows(held: readonly Scope[], access: Access): boolean {
  if (access.kind === 'public') return true;
  if (access.kind === 'deny') return false;
  return held.includes('admin') || access.scopes.some((s) => held.includes(s));
}

function pathMatches(pattern: string, path: string): boolean {
  if (pattern.endsWith('*')) return path.startsWith(pattern.slice(0, -1));
  const want = pattern.split('/');
  const got = path.split('/');
  return want.length === got.length && want.every((seg, i) => (seg.startsWith(':') ? got[i] !== '' : seg === got[i]));
}
