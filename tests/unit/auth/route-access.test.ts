import { describe, expect, it } from 'vitest';
import { ROUTE_ACCESS, routeAccess, scopeAllows } from '../../../src/api/auth/route-access.ts';
import type { Scope } from '../../../src/api/auth/api-key.ts';

const allowed = (scopes: Scope[], method: string, path: string) => scopeAllows(scopes, routeAccess(method, path));

describe('routeAccess', () => {
  it('keeps health, the OpenAPI document, the docs, metrics and the dashboard public', () => {
    for (const [m, p] of [['GET', '/api/v1/health'], ['GET', '/api/v1/openapi.json'], ['GET', '/api/v1/docs'], ['GET', '/metrics'], ['GET', '/'], ['GET', '/assets/app.js'], ['HEAD', '/api/v1/health']]) {
      expect(routeAccess(m!, p!), `${m} ${p}`).toEqual({ kind: 'public' });
    }
  });

  it('lets submit keys submit and poll postings, and nothing else', () => {
    expect(allowed(['submit'], 'POST', '/api/v1/postings')).toBe(true);
    expect(allowed(['submit'], 'GET', '/api/v1/postings/:id')).toBe(true);
    expect(allowed(['submit'], 'GET', '/api/v1/postings/42')).toBe(true);
    expect(allowed(['submit'], 'GET', '/api/v1/postings')).toBe(false);
    expect(allowed(['submit'], 'GET', '/api/v1/trends/roles')).toBe(false);
    expect(allowed(['submit'], 'POST', '/api/v1/feeds')).toBe(false);
  });

  it('lets read keys make every GET except the failed-job queues, and no change', () => {
    for (const p of ['/api/v1/trends/roles', '/api/v1/trends/skills', '/api/v1/skills/python/cooccurrence', '/api/v1/salaries', '/api/v1/postings', '/api/v1/postings/:id', '/api/v1/taxonomy', '/api/v1/feeds', '/api/v1/feeds/:id', '/api/v1/feeds/:id/runs']) {
      expect(allowed(['read'], 'GET', p), p).toBe(true);
    }
    expect(allowed(['read'], 'HEAD', '/api/v1/trends/roles')).toBe(true);
    expect(allowed(['read'], 'GET', '/api/v1/queues/:name/failed')).toBe(false);
    expect(allowed(['read'], 'POST', '/api/v1/postings')).toBe(false);
    expect(allowed(['read'], 'POST', '/api/v1/feeds/:id/run')).toBe(false);
    expect(allowed(['read'], 'PUT', '/api/v1/taxonomy/skills/:id')).toBe(false);
  });

  it('lets admin keys do everything listed, including what submit and read may', () => {
    for (const [m, p] of [['POST', '/api/v1/feeds'], ['PATCH', '/api/v1/feeds/:id'], ['DELETE', '/api/v1/feeds/:id'], ['POST', '/api/v1/feeds/:id/run'], ['GET', '/api/v1/queues/:name/failed'], ['POST', '/api/v1/queues/:name/failed/retry'], ['PUT', '/api/v1/taxonomy'], ['DELETE', '/api/v1/taxonomy/roles/:id'], ['POST', '/api/v1/taxonomy/retag'], ['POST', '/api/v1/postings'], ['GET', '/api/v1/trends/roles']]) {
      expect(allowed(['admin'], m!, p!), `${m} ${p}`).toBe(true);
    }
  });

  it('denies every key anything under /api/ that the table does not name', () => {
    for (const [m, p] of [['PUT', '/api/v1/postings/:id'], ['DELETE', '/api/v1/postings/:id'], ['POST', '/api/v1/trends/roles'], ['OPTIONS', '/api/v1/trends/roles'], ['GET', '/api/v2/anything'], ['POST', '/api/v1/feeds/:id/runs'], ['GET', '/api']]) {
      expect(routeAccess(m!, p!), `${m} ${p}`).toEqual({ kind: 'deny' });
      expect(allowed(['admin', 'read', 'submit'], m!, p!)).toBe(false);
    }
  });

  it('matches a parameter segment only when it is present', () => {
    expect(routeAccess('DELETE', '/api/v1/feeds/')).toEqual({ kind: 'deny' });
    expect(routeAccess('DELETE', '/api/v1/feeds/7/extra')).toEqual({ kind: 'deny' });
  });

  it('has no row that a row above it hides completely', () => {
    // A row whose pattern is a literal path must not be swallowed by an earlier wildcard row of the same method.
    ROUTE_ACCESS.forEach((row, i) => {
      const probe = row.path.replace(/:[^/]+/g, 'x').replace(/\*$/, 'z');
      const first = ROUTE_ACCESS.findIndex((r) => r.method === row.method && (r.path.endsWith('*') ? probe.startsWith(r.path.slice(0, -1)) : r.path.replace(/:[^/]+/g, 'x') === probe));
      expect(first, `${row.method} ${row.path}`).toBe(i);
    });
  });
});
