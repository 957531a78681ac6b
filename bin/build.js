// Builds dist/roleradar.js: every RoleRadar module bundled into one plain ESM file by esbuild
// (npm packages stay external), and dist/stats-refresher.js, the refresher's thread. A process started from it needs no TypeScript loader: it
// starts faster and holds about 70 MB less memory than running src/ through tsx.
//
// `node bin/build.js` builds; bin/roleradar.js calls ensureBuilt() first, which rebuilds only
// when a source file is newer than the bundle, so an edited checkout never runs stale code.
import { readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['src', 'workers'].map((d) => path.join(ROOT, d));

// The entry points: the CLI, and the statistics refresher's worker thread (src/stats/refresher.ts
// starts dist/stats-refresher.js beside the bundle that runs it).
const ENTRIES = {
  roleradar: path.join(ROOT, 'src', 'cli', 'main.ts'),
  'stats-refresher': path.join(ROOT, 'src', 'stats', 'refresher-thread.ts'),
};
const OUTPUTS = Object.keys(ENTRIES).map((name) => path.join(ROOT, 'dist', `${name}.js`));

/** Writes the bundles (and their source maps) atomically: concurrent starts never see half a file. */
export async function buildBundle() {
  const tmp = path.join(ROOT, 'dist', `.build-${process.pid}`);
  await build({
    entryPoints: ENTRIES,
    outdir: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'error',
  });
  // The thread first: a start that sees the new CLI bundle finds its thread's bundle already there.
  for (const out of [...OUTPUTS].reverse()) {
    const name = path.basename(out);
    renameSync(path.join(tmp, `${name}.map`), `${out}.map`);
    renameSync(path.join(tmp, name), out);
  }
  rmSync(tmp, { recursive: true, force: true });
}

/** Builds the bundle when it is missing or older than any file under src/ or workers/. */
export async function ensureBuilt() {
  const times = OUTPUTS.map(mtimeMs);
  const built = times.includes(null) ? null : Math.min(...times);
  if (built === null || SOURCES.some((dir) => newerThan(dir, built))) await buildBundle();
}

function mtimeMs(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

function newerThan(dir, time) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() ? newerThan(full, time) : statSync(full).mtimeMs > time) return true;
  }
  return false;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildBundle();
