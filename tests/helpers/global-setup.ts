import postgres from 'postgres';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { runMigrations } from '../../src/runtime.ts';
import { ADMIN_URL, TEMPLATE_DB, databaseUrl } from './services.ts';

/** Migrates a template database once per run; each test file clones it (fast, isolated). */
export default async function setup(): Promise<void> {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${TEMPLATE_DB} with (force)`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const config = loadConfig({ DATABASE_URL: databaseUrl(TEMPLATE_DB), LOG_LEVEL: 'warn' });
  await runMigrations(config, createLogger('warn'));
}
