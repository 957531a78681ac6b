import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// API keys look like `rr_<prefix>_<secret>`: a 12-hex-digit public prefix (how the key is found
// in the database, safe to show in lists and logs) and a 32-byte random secret (64 hex digits).
//
// Only SHA-256(secret) is stored. A slow password hash (bcrypt, scrypt, argon2) exists to make
// guessing low-entropy human passwords expensive; a 256-bit random secret cannot be guessed at
// any speed, so a fast hash loses nothing, and it keeps verification cheap on every request.

/** What a key may do: submit postings, read statistics, or administer feeds, queues and taxonomy. */
export const SCOPES = ['submit', 'read', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

const KEY_PATTERN = /^rr_([0-9a-f]{12})_([0-9a-f]{64})$/;

export interface GeneratedKey {
  /** the full key, shown to its owner once */
  key: string;
  prefix: string;
  secretHash: Buffer;
}

/** A new random key and what is stored of it. */
export function generateApiKey(): GeneratedKey {
  const prefix = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('hex');
  return { key: `rr_${prefix}_${secret}`, prefix, secretHash: hashSecret(secret) };
}

/** Splits a presented key into prefix and secret; null when it is not shaped like one of ours. */
export function parseApiKey(raw: string): { prefix: string; secret: string } | null {
  const m = KEY_PATTERN.exec(raw.trim());
  return m ? { prefix: m[1]!, secret: m[2]! } : null;
}

/** SHA-256 of the secret part: what the database holds. */
export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/** Whether `secret` hashes to `storedHash`, compared in constant time. */
export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
  const hash = hashSecret(secret);
  return storedHash.length === hash.length && timingSafeEqual(hash, storedHash);
}

/** Parses a comma list of scopes ("submit,read"); throws naming the unknown ones. */
export function parseScopes(list: string): Scope[] {
  const items = [...new Set(list.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean))];
  const unknown = items.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (unknown.length) throw new Error(`unknown scope(s) ${unknown.join(', ')}: use ${SCOPES.join(', ')}`);
  if (items.length === 0) throw new Error(`at least one scope is needed: ${SCOPES.join(', ')}`);
  return items as Scope[];
}

/** The presented key from `Authorization: Bearer <key>` or `X-API-Key: <key>`; null when neither is sent. */
export function presentedKey(authorization: string | undefined, xApiKey: string | undefined): string | null {
  const bearer = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1] : undefined;
  if (bearer) return bearer;
  // X-API-Key next: a proxy in front may use Authorization (Basic) for itself.
  const header = xApiKey?.trim();
  if (header) return header;
  // Any other Authorization is a wrong key (401 invalid_token), not "no key".
  return authorization?.trim() || null;
}
