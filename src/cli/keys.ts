import { parseArgs } from 'node:util';
import { createApiKey, listKeys, revokeKey } from '../api/auth/manage-keys.ts';
import { parseScopes } from '../api/auth/api-key.ts';
import { loadConfig } from '../config.ts';
import { createSql } from '../db/sql.ts';
import { InputError } from '../errors.ts';

// `roleradar keys`: API keys for the HTTP API, straight in Postgres (no API needed, and no key
// needed to make the first one: whoever can reach the database is already an administrator).

const KEYS_USAGE = `usage:
  roleradar keys create <name> --scopes submit,read,admin [--rate N]   prints the key ONCE
  roleradar keys list                                                  ids, prefixes, scopes, last use
  roleradar keys revoke <id|prefix>

scopes: submit (POST /postings, GET /postings/:id), read (every GET), admin (feeds, queues,
taxonomy changes; implies the others). --rate: requests per minute for this key
(default RATE_LIMIT_PER_MINUTE).`;

const print = (value: unknown) => process.stdout.write(JSON.stringify(value, null, 2) + '\n');

/** `roleradar keys create|list|revoke`. */
export async function runKeys(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { scopes: { type: 'string' }, rate: { type: 'string' } } });
  const [sub, arg, ...extra] = positionals;
  if (!sub || extra.length > 0) throw new InputError(KEYS_USAGE);
  const config = loadConfig();
  const sql = createSql(config.DATABASE_URL, { max: 1 });
  try {
    switch (sub) {
      case 'create': {
        if (!arg) throw new InputError(`a key needs a name\n${KEYS_USAGE}`);
        if (!values.scopes) throw new InputError(`--scopes is required (submit, read, admin)\n${KEYS_USAGE}`);
        const scopes = scopeList(values.scopes);
        const rate = values.rate === undefined ? null : Number(values.rate);
        const { key, apiKey } = await createApiKey(sql, { name: arg, scopes, rateLimitPerMinute: rate });
        // The key alone on stdout (KEY=$(roleradar keys create ...)); the rest for the human.
        process.stdout.write(`${key}\n`);
        process.stderr.write(
          `created key ${apiKey.id} "${apiKey.name}" (prefix ${apiKey.prefix}, scopes ${apiKey.scopes.join(',')}). ` +
            'Store it now: it is not shown again. Send it as "Authorization: Bearer <key>".\n',
        );
        return 0;
      }
      case 'list':
        print(await listKeys(sql));
        return 0;
      case 'revoke': {
        if (!arg) throw new InputError(`which key? give its id or prefix\n${KEYS_USAGE}`);
        const revoked = await revokeKey(sql, arg);
        if (!revoked) throw new InputError(`no key with id or prefix "${arg}"`);
        print(revoked);
        process.stderr.write(`revoked; API processes refuse it within AUTH_CACHE_MS (${config.AUTH_CACHE_MS} ms)\n`);
        return 0;
      }
      default:
        throw new InputError(KEYS_USAGE);
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}

function scopeList(list: string) {
  try {
    return parseScopes(list);
  } catch (err) {
    throw new InputError((err as Error).message);
  }
}
