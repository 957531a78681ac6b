import { pino } from 'pino';
import type { Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout; child loggers carry requestId / jobId. */
export function createLogger(level: string, name = 'roleradar'): Logger {
  return pino({ name, level, base: { pid: process.pid } });
}
