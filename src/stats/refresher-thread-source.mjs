// Starts the refresher thread from source (tsx, vitest), where no bundle exists: loads the
// TypeScript entry through tsx. Processes started from dist/ use dist/stats-refresher.js instead.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
