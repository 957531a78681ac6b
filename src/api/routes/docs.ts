import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ApiDeps } from '../deps.ts';
import { createRouter } from '../openapi.ts';

// The API docs page: Swagger UI's static files, served from node_modules (no CDN), rendering
// /api/v1/openapi.json.

const dist = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>RoleRadar API</title>
  <link rel="stylesheet" href="/api/v1/docs/swagger-ui.css">
</head>
<body>
  <div id="docs"></div>
  <script src="/api/v1/docs/swagger-ui-bundle.js"></script>
  <script>window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#docs', deepLinking: true });</script>
</body>
</html>
`;

/** GET /docs (HTML) and its two static assets. */
export function docsRoutes(_deps: ApiDeps) {
  const app = createRouter();
  const cache = new Map<string, string>();
  app.get('/', (c) => c.html(PAGE, 200, { 'Cache-Control': 'public, max-age=300' }));
  app.get('/:asset{swagger-ui\\.css|swagger-ui-bundle\\.js}', async (c) => {
    const name = c.req.param('asset');
    let body = cache.get(name);
    if (body === undefined) {
      body = await readFile(path.join(dist, name), 'utf8');
      cache.set(name, body);
    }
    return c.body(body, 200, { 'Content-Type': ASSETS[name]!, 'Cache-Control': 'public, max-age=86400' });
  });
  return app;
}
