import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../deps.ts';
import { ProblemSchema } from '../openapi.ts';
import type { AccessOptions } from './access.ts';
import { routeAccess } from './route-access.ts';

// The OpenAPI document says what the access table enforces: per operation, which key roles
// (scopes) it needs, or none, and the 401/403/429 problems it may answer. Derived from the same
// table, so the document cannot drift from the gate.

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });

/** Adds security schemes and per-operation requirements to `app`'s OpenAPI document; call after every route is mounted. */
export function documentAccess(app: OpenAPIHono<AppEnv>, opts: AccessOptions): void {
  const registry = app.openAPIRegistry;
  if (opts.authEnabled) {
    const description = 'An API key from `roleradar keys create`. Scopes (role names here): submit, read, admin (admin implies the others).';
    registry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', description });
    registry.registerComponent('securitySchemes', 'apiKeyHeader', { type: 'apiKey', in: 'header', name: 'X-API-Key', description });
  }
  for (const def of registry.definitions) {
    if (def.type !== 'route') continue;
    const route = def.route;
    const access = routeAccess(route.method, route.path.replace(/\{([^}]+)\}/g, ':$1'));
    if (access.kind === 'public') {
      if (opts.authEnabled) route.security = [];
      continue;
    }
    if (opts.rateLimitPerMinute > 0) route.responses = { ...route.responses, 429: problem('rate limit reached: see Retry-After and RateLimit-* headers') };
    if (!opts.authEnabled) continue;
    // OpenAPI 3.1 lets non-OAuth schemes list role names: the scopes that open this operation.
    const roles = access.kind === 'scopes' ? [...new Set([...access.scopes, 'admin'])] : [];
    route.security = [{ bearerAuth: roles }, { apiKeyHeader: roles }];
    route.responses = { ...route.responses, 401: problem('no API key, or not a valid one'), 403: problem("the key's scopes do not allow this") };
    if (access.kind === 'deny') route.description = `${route.description ?? ''} Not in the access table: no key may call it.`.trim();
  }
}
