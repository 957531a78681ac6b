import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { routePath } from 'hono/route';
import { installAccess } from './auth/access.ts';
import type { AccessOptions } from './auth/access.ts';
import { documentAccess } from './auth/openapi-security.ts';
import type { ApiDeps, AppEnv } from './deps.ts';
import { dashboardRoutes } from './dashboard/routes.ts';
import { createRouter } from './openapi.ts';
import { ProblemError, toProblem } from './problem.ts';
import { feedsRoutes } from './routes/feeds.ts';
import { healthRoutes } from './routes/health.ts';
import { postingsRoutes } from './routes/postings.ts';
import { queuesRoutes } from './routes/queues.ts';
import { taxonomyAdminRoutes } from './routes/taxonomy-admin.ts';
import { trendsRoutes } from './routes/trends.ts';
import { docsRoutes } from './routes/docs.ts';
import { postingsSearchRoutes } from './routes/postings-search.ts';
import { salariesRoutes } from './routes/salaries.ts';
import { skillsRoutes } from './routes/skills.ts';
import { taxonomyRoutes } from './routes/taxonomy.ts';

const MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * The HTTP app: /api/v1 routes and their OpenAPI document, /metrics, request ids, problem+json errors;
 * with `access`, CORS, API keys with scopes and rate limits (without: open, as in unit tests).
 */
export function createApp(deps: ApiDeps, access?: AccessOptions) {
  const app = createRouter();

  app.use(requestId());
  app.use(async (c, next) => {
    c.set('log', deps.logger.child({ requestId: c.get('requestId') }));
    const started = performance.now();
    await next();
    // routePath(c, -1) is the matched pattern ("/api/v1/postings/:id"): bounded label values.
    const route = c.res.status === 404 ? 'unmatched' : routePath(c, -1);
    deps.metrics.httpDuration.observe({ method: c.req.method, route, status: String(c.res.status) }, (performance.now() - started) / 1000);
  });
  if (access) installAccess(app, deps, access);
  // Postgres cannot hold NUL in text, so a parameter carrying one could only fail deep in a query:
  // refuse it here, for every route, with a message that says why.
  app.use('/api/*', async (c, next) => {
    if (/%00/.test(c.req.url)) throw new ProblemError(400, 'Bad Request', 'parameters may not contain NUL characters (%00)');
    await next();
  });
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ProblemError(413, 'Payload Too Large', `request bodies are limited to ${MAX_BODY_BYTES} bytes`);
    },
  });
  // GET and HEAD carry no body we read: asking for one (c.req.raw.body) makes @hono/node-server
  // build a full undici Request with an AbortSignal, 10% of the API's CPU on cached statistics
  // answers (profile of bench/api.bench.ts, 0.27 ms a request).
  app.use('/api/*', (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)));

  // GET /postings (the list) is mounted before the postings router, which keeps POST / and GET /{id}.
  app.route('/api/v1/postings', postingsSearchRoutes(deps));
  app.route('/api/v1/postings', postingsRoutes(deps));
  app.route('/api/v1/trends', trendsRoutes(deps));
  app.route('/api/v1/skills', skillsRoutes(deps));
  app.route('/api/v1/salaries', salariesRoutes(deps));
  app.route('/api/v1/taxonomy', taxonomyRoutes(deps));
  app.route('/api/v1/docs', docsRoutes(deps));
  app.route('/api/v1/feeds', feedsRoutes(deps));
  app.route('/api/v1/queues', queuesRoutes(deps));
  app.route('/api/v1/taxonomy', taxonomyAdminRoutes(deps));
  app.route('/api/v1/health', healthRoutes(deps));
  app.doc31('/api/v1/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'RoleRadar API', version: '1', description: 'Job-posting analysis and trend statistics. Responses are { data, meta }; errors are RFC 9457 problem details.' },
  });
  app.route('/', dashboardRoutes());
  app.get('/metrics', async (c) => c.text(await deps.metrics.registry.metrics(), 200, { 'Content-Type': deps.metrics.registry.contentType }));
  // After every route is mounted: the document then names each operation's scopes.
  if (access) documentAccess(app, access);

  const problemResponse = (c: Context<AppEnv>, err: unknown) => {
    const p = toProblem(err);
    if (p.status >= 500) c.get('log').error({ err }, 'request failed');
    return c.json({ ...p, instance: c.req.path }, p.status, { 'Content-Type': 'application/problem+json' });
  };
  app.notFound((c) => problemResponse(c, new ProblemError(404, 'Not Found', `no route for ${c.req.method} ${c.req.path}`)));
  app.onError((err, c) => problemResponse(c, err));
  return app;
}
