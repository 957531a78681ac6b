import { Hono } from 'hono';
import type { Context } from 'hono';
import { describe, expect, it } from 'vitest';
import { requestAccess } from '../../../src/api/auth/access.ts';
import type { Access } from '../../../src/api/auth/route-access.ts';
import { strictest } from '../../../src/api/auth/route-access.ts';

// requestAccess judges what Hono actually routed to: a tiny app records the decision per request.

function appWith(register: (app: Hono) => void) {
  const app = new Hono();
  let seen: Access | undefined;
  app.use('*', async (c: Context, next) => {
    seen = requestAccess(c);
    await next();
  });
  register(app);
  return async (method: string, path: string) => {
    await app.request(path, { method });
    return seen;
  };
}

describe('requestAccess', () => {
  it('judges by the handler pattern the router chose', async () => {
    const access = appWith((app) => {
      app.get('/api/v1/queues/:name/failed', (c) => c.text('failed'));
      app.get('/api/v1/trends/roles', (c) => c.text('roles'));
    });
    expect(await access('GET', '/api/v1/queues/analyze/failed')).toEqual({ kind: 'scopes', scopes: ['admin'] });
    expect(await access('GET', '/api/v1/trends/roles')).toEqual({ kind: 'scopes', scopes: ['read'] });
    expect(await access('HEAD', '/api/v1/trends/roles')).toEqual({ kind: 'scopes', scopes: ['read'] });
  });

  it('is not opened by a public catch-all handler registered before the API', async () => {
    const access = appWith((app) => {
      app.get('/*', async (_c, next) => next()); // e.g. a static-file handler that falls through
      app.get('/api/v1/queues/:name/failed', (c) => c.text('failed'));
      app.post('/api/v1/feeds', (c) => c.text('created'));
    });
    expect(await access('GET', '/api/v1/queues/analyze/failed')).toEqual({ kind: 'scopes', scopes: ['admin'] });
    expect(await access('GET', '/api/v1/anything-else')).toEqual({ kind: 'scopes', scopes: ['read'] });
    expect(await access('POST', '/api/v1/feeds')).toEqual({ kind: 'scopes', scopes: ['admin'] });
    expect(await access('GET', '/assets/app.js')).toEqual({ kind: 'public' });
  });

  it('denies what no row names, whether or not a handler exists', async () => {
    const access = appWith((app) => {
      app.put('/api/v1/widgets/:id', (c) => c.text('changed'));
    });
    expect(await access('PUT', '/api/v1/widgets/1')).toEqual({ kind: 'deny' });
    expect(await access('DELETE', '/api/v1/widgets/1')).toEqual({ kind: 'deny' });
  });
});

describe('strictest', () => {
  it('lets deny win, then scopes, and intersects scope sets', () => {
    const pub: Access = { kind: 'public' };
    expect(strictest([pub, pub])).toEqual(pub);
    expect(strictest([pub, { kind: 'scopes', scopes: ['read'] }])).toEqual({ kind: 'scopes', scopes: ['read'] });
    expect(strictest([{ kind: 'scopes', scopes: ['submit', 'read'] }, { kind: 'scopes', scopes: ['read'] }])).toEqual({ kind: 'scopes', scopes: ['read'] });
    expect(strictest([{ kind: 'scopes', scopes: ['submit'] }, { kind: 'scopes', scopes: ['read'] }])).toEqual({ kind: 'scopes', scopes: [] });
    expect(strictest([{ kind: 'scopes', scopes: ['read'] }, { kind: 'deny' }])).toEqual({ kind: 'deny' });
  });
});
