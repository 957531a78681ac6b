import { loadConfig, ConfigError } from '../config.ts';
import type { Config } from '../config.ts';
import { createLogger } from '../logger.ts';
import { createMetrics } from '../metrics.ts';
import { closeOnSignal, runMigrations, startApi, startWorker } from '../runtime.ts';
import { lowerProcessPriority } from '../cpu-priority.ts';
import { InputError } from '../errors.ts';
import { runAnalyze } from './analyze.ts';
import { runKeys } from './keys.ts';
import { runFeeds, runIngest } from './operations.ts';
import { runTaxonomy } from './taxonomy.ts';

const USAGE = `roleradar: job-posting analyzer

Usage:
  roleradar analyze <file|url|->    print the analysis JSON of one posting (no services needed)
  roleradar analyze --jsonl         read {"id","html"|"text","title"?,"url"?} lines on stdin, write one analysis per line
  roleradar start                   migrate, then run the API and the workers in one process
  roleradar serve                   run the HTTP API only
  roleradar worker                  run the workers only
  roleradar migrate                 create the database if needed and apply migrations
  roleradar ingest <url...|->       queue posting URLs for analysis
  roleradar feeds <add|list|set|run|runs|remove> ...   manage feeds (roleradar feeds for details)
  roleradar keys <create|list|revoke> ...   API keys with scopes (roleradar keys for details)
  roleradar taxonomy <export|import|add-skill|remove-skill|retag|runs> ...   change the taxonomy, re-tag

Configuration comes from the environment (see README.md): DATABASE_URL, REDIS_URL, PORT, ...`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'analyze':
      return runAnalyze(rest);
    case 'ingest':
      return runIngest(rest);
    case 'feeds':
      return runFeeds(rest);
    case 'keys':
      return runKeys(rest);
    case 'taxonomy':
      return runTaxonomy(rest);
    case 'migrate': {
      const config = loadConfig();
      await runMigrations(config, createLogger(config.LOG_LEVEL));
      return 0;
    }
    case 'serve':
      return serve(loadConfig(), { api: true, worker: false });
    case 'worker':
      return serve(loadConfig(), { api: false, worker: true });
    case 'start': {
      const config = loadConfig();
      await runMigrations(config, createLogger(config.LOG_LEVEL));
      return serve(config, { api: true, worker: true });
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return command === undefined ? 1 : 0;
    default:
      console.error(`unknown command "${command}"\n\n${USAGE}`);
      return 1;
  }
}

// Long-running commands: resolve never; closeOnSignal exits the process.
async function serve(config: Config, parts: { api: boolean; worker: boolean }): Promise<number> {
  const logger = createLogger(config.LOG_LEVEL);
  const metrics = createMetrics();
  const running = [];
  // A process that only works the queues yields the CPU to an API on the same machine.
  if (parts.worker && !parts.api) lowerProcessPriority(config.BACKGROUND_NICE);
  if (parts.worker) running.push(await startWorker(config, logger, metrics));
  if (parts.api) {
    const api = await startApi(config, logger, metrics);
    running.push(api);
    const url = api.url;
    logger.info({ url }, 'API listening');
    // Said on stderr too, plainly, for the person who just typed `npm start`.
    process.stderr.write(`\nRoleRadar is running: open ${url}/ for the dashboard, ${url}/api/v1/docs for the API (Ctrl-C to stop)\n\n`);
  }
  closeOnSignal(running, logger);
  return new Promise<number>(() => {});
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // A config or input error is the user's to fix: one line, no stack.
    console.error(err instanceof ConfigError || err instanceof InputError ? err.message : err);
    process.exitCode = 1;
  },
);
