import postgres from 'postgres';
import type { Sql } from 'postgres';

export type { Sql };

/** Creates the one Postgres client a process uses; snake_case columns arrive as camelCase. */
export function createSql(databaseUrl: string, opts: { max?: number; onnotice?: (n: unknown) => void } = {}): Sql {
  return postgres(databaseUrl, {
    max: opts.max ?? 10,
    transform: postgres.camel,
    onnotice: opts.onnotice ?? (() => {}),
    // Fail fast when Postgres is down instead of queueing forever; callers retry.
    connect_timeout: 10,
  });
}
