#!/usr/bin/env node
// The `roleradar` command. It runs dist/roleradar.js, the bundle of src/ (see build.js), built or
// rebuilt here when the sources are newer, so `npx roleradar` works right after `npm ci`.
import { ensureBuilt } from './build.js';

await ensureBuilt();
// Stack traces in logs name the TypeScript sources, not the bundle.
process.setSourceMapsEnabled(true);
await import('../dist/roleradar.js');
