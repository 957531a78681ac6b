import type { Sql } from 'postgres';
import type { Scope } from '../api/auth/api-key.ts';

// Queries on api_keys. The secret hash leaves this module only through findApiKeyByPrefix,
// which the authenticating middleware needs; listings never carry it.

export interface ApiKey {
  id: number;
  prefix: string;
  name: string;
  scopes: Scope[];
  /** null: the deployment's RATE_LIMIT_PER_MINUTE */
  rateLimitPerMinute: number | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface StoredApiKey extends ApiKey {
  secretHash: Buffer;
}

export interface NewApiKey {
  prefix: string;
  secretHash: Buffer;
  name: string;
  scopes: Scope[];
  rateLimitPerMinute?: number | null;
}

const COLUMNS = 'id::int as id, prefix, name, scopes, rate_limit_per_minute, created_at, last_used_at, revoked_at';

/** Stores a key (its hash, never its secret). */
export async function insertApiKey(sql: Sql, k: NewApiKey): Promise<ApiKey> {
  const [row] = await sql<ApiKey[]>`
    insert into api_keys (prefix, secret_hash, name, scopes, rate_limit_per_minute)
    values (${k.prefix}, ${k.secretHash}, ${k.name}, ${k.scopes}, ${k.rateLimitPerMinute ?? null})
    returning ${sql.unsafe(COLUMNS)}`;
  return row!;
}

/** Every key, revoked ones included, oldest first. */
export async function listApiKeys(sql: Sql): Promise<ApiKey[]> {
  return sql<ApiKey[]>`select ${sql.unsafe(COLUMNS)} from api_keys order by id`;
}

/** The key with this public prefix, with its hash, for verifying a presented secret. */
export async function findApiKeyByPrefix(sql: Sql, prefix: string): Promise<StoredApiKey | null> {
  const [row] = await sql<StoredApiKey[]>`select ${sql.unsafe(COLUMNS)}, secret_hash from api_keys where prefix = ${prefix}`;
  return row ?? null;
}

/** Revokes the key with this id or prefix; null when there is none. Revoking twice keeps the first time. */
export async function revokeApiKey(sql: Sql, idOrPrefix: number | string): Promise<ApiKey | null> {
  const match = typeof idOrPrefix === 'number' ? sql`id = ${idOrPrefix}` : sql`prefix = ${idOrPrefix}`;
  const [row] = await sql<ApiKey[]>`
    update api_keys set revoked_at = coalesce(revoked_at, now()) where ${match}
    returning ${sql.unsafe(COLUMNS)}`;
  return row ?? null;
}

/** Records that the key was used just now. */
export async function touchApiKey(sql: Sql, id: number): Promise<void> {
  await sql`update api_keys set last_used_at = now() where id = ${id}`;
}
