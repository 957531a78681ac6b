// Builds dist/roleradar.js: every RoleRadar module bundled into one plain ESM file by esbuild
// (npm packages stay external). A process started from it needs no TypeScript loader: it
// starts faster and holds about 70 MB less memory than running src/ through tsx.
//
// `node bin/build.js` builds; bin/roleradar.js calls ensureBuilt() first, which rebuilds only
// when a source file is newer than the bundle, so an edited checkout never runs stale code.
import { readdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE = path.join(ROOT, 'dist', 'roleradar.js');
const SOURCES = ['src', 'workers'].map((d) => path.join(ROOT, d));

/** Writes dist/roleradar.js (and its source map) atomically: concurrent starts never see half a file. */
export async function buildBundle() {
  const tmp = `${BUNDLE}.${process.pid}.tmp.js`;
  await build({
    entryPoints: [path.join(ROOT, 'src', 'cli', 'main.ts')],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'error',
  });
  renameSync(`${tmp}.map`, `${BUNDLE}.map`);
  renameSync(tmp, BUNDLE);
}

/** Builds the bundle when it is missing or older than any file under src/ or workers/. */
export async function ensureBuilt() {
  const built = mtimeMs(BUNDLE);
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
