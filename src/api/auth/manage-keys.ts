import type { Sql } from 'postgres';
import { insertApiKey, listApiKeys, revokeApiKey } from '../../db/api-keys.sql.ts';
import type { ApiKey } from '../../db/api-keys.sql.ts';
import { InputError } from '../../errors.ts';
import { generateApiKey } from './api-key.ts';
import type { Scope } from './api-key.ts';

// What `roleradar keys` does, as functions (the CLI and the tests call these).

export type { ApiKey };

/** Creates a key; the returned `key` is the only time its secret exists outside the caller's hands. */
export async function createApiKey(sql: Sql, input: { name: string; scopes: Scope[]; rateLimitPerMinute?: number | null }): Promise<{ key: string; apiKey: ApiKey }> {
  const name = input.name.trim();
  if (!name) throw new InputError('a key needs a name (who or what uses it)');
  if (input.scopes.length === 0) throw new InputError('a key needs at least one scope');
  const rate = input.rateLimitPerMinute;
  if (rate != null && (!Number.isInteger(rate) || rate <= 0)) throw new InputError(`--rate must be a positive integer (requests per minute), got ${rate}`);
  const generated = generateApiKey();
  const apiKey = await insertApiKey(sql, { prefix: generated.prefix, secretHash: generated.secretHash, name, scopes: input.scopes, rateLimitPerMinute: rate ?? null });
  return { key: generated.key, apiKey };
}

/** All keys, without their hashes. */
export async function listKeys(sql: Sql): Promise<ApiKey[]> {
  return listApiKeys(sql);
}

/** Revokes by numeric id, public prefix, or the full key; null when no key matches. */
export async function revokeKey(sql: Sql, ref: string): Promise<ApiKey | null> {
  const r = ref.trim();
  // A prefix is 12 random hex digits, so about 1 in 280 is all decimal digits and reads like an
  // id: such a ref names the key with that prefix when there is one, and otherwise the id.
  if (/^\d{12}$/.test(r)) return (await revokeApiKey(sql, r)) ?? revokeApiKey(sql, Number(r));
  if (/^\d+$/.test(r)) return revokeApiKey(sql, Number(r));
  const prefix = /^(?:rr_)?([0-9a-f]{12})(?:_[0-9a-f]*)?$/.exec(r)?.[1];
  if (!prefix) throw new InputError(`"${ref}" is neither a key id nor a key prefix (12 hex digits)`);
  return revokeApiKey(sql, prefix);
}
