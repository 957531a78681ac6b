import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, relative, sep } from 'node:path';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { packagePath } from '../../package-root.ts';
import type { AppEnv } from '../deps.ts';

// The analysts' dashboard and the recruiters' form: static HTML, CSS and JS modules (no build
// step) plus Chart.js's UMD file straight from node_modules (no CDN). Files are read once when
// the router is made and served from memory, so a request can only ever name a file that exists.

const STATIC_DIR = packagePath('src', 'api', 'dashboard', 'static');

// The page runs only its own scripts and talks only to its own origin. Chart.js sets canvas
// sizes through the CSSOM, which style-src does not govern, so no 'unsafe-inline' is needed.
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json; charset=utf-8',
};

interface Asset {
  body: Uint8Array;
  type: string;
  etag: string;
}

function asset(path: string): Asset {
  const body = readFileSync(path);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  return { body, type: TYPES[extname(path)] ?? 'application/octet-stream', etag };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

// chart.js exports only its ESM and CJS entry points; the UMD build sits beside them in dist/.
function chartJsDir(): string {
  return dirname(createRequire(import.meta.url).resolve('chart.js'));
}

/** Every file the dashboard serves, keyed by URL path under /assets/ ("js/main.js", "vendor/chart.umd.min.js"). */
export function loadDashboardAssets(): { page: Asset; assets: Map<string, Asset> } {
  const assets = new Map<string, Asset>();
  for (const file of listFiles(STATIC_DIR)) {
    const key = relative(STATIC_DIR, file).split(sep).join('/');
    if (key !== 'index.html') assets.set(key, asset(file));
  }
  assets.set('vendor/chart.umd.min.js', asset(join(chartJsDir(), 'chart.umd.min.js')));
  return { page: asset(join(STATIC_DIR, 'index.html')), assets };
}

// Small files, revalidated on every load: a deploy is picked up at once, and an unchanged file costs a 304.
function send(c: Context<AppEnv>, a: Asset, extra: Record<string, string> = {}) {
  const headers: Record<string, string> = {
    'Content-Type': a.type,
    ETag: a.etag,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    ...extra,
  };
  if (c.req.header('If-None-Match') === a.etag) return c.body(null, 304, headers);
  return c.body(a.body as Uint8Array<ArrayBuffer>, 200, headers);
}

/** GET / (the dashboard page, with a strict Content-Security-Policy) and GET /assets/* (its scripts, styles and Chart.js). */
export function dashboardRoutes() {
  const { page, assets } = loadDashboardAssets();
  const app = new Hono<AppEnv>();
  app.get('/', (c) => send(c, page, { 'Content-Security-Policy': DASHBOARD_CSP, 'X-Frame-Options': 'DENY' }));
  app.get('/assets/*', (c, next) => {
    const found = assets.get(c.req.path.slice('/assets/'.length));
    return found ? send(c, found) : next();
  });
  return app;
}
