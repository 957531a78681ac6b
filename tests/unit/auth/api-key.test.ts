import { describe, expect, it } from 'vitest';
import { generateApiKey, hashSecret, parseApiKey, parseScopes, presentedKey, secretMatches } from '../../../src/api/auth/api-key.ts';

describe('generateApiKey', () => {
  it('makes rr_<prefix>_<secret> keys whose stored hash is SHA-256 of the secret, never the secret', () => {
    const { key, prefix, secretHash } = generateApiKey();
    expect(key).toMatch(/^rr_[0-9a-f]{12}_[0-9a-f]{64}$/);
    const parsed = parseApiKey(key)!;
    expect(parsed.prefix).toBe(prefix);
    expect(secretHash).toEqual(hashSecret(parsed.secret));
    expect(secretHash.length).toBe(32);
    expect(secretHash.toString('hex')).not.toContain(parsed.secret);
    expect(secretMatches(parsed.secret, secretHash)).toBe(true);
  });

  it('never repeats a prefix or a secret across many keys', () => {
    const keys = Array.from({ length: 2000 }, () => generateApiKey());
    expect(new Set(keys.map((k) => k.prefix)).size).toBe(keys.length);
    expect(new Set(keys.map((k) => k.key)).size).toBe(keys.length);
  });
});

describe('parseApiKey', () => {
  it('refuses anything not shaped like one of our keys', () => {
    const good = generateApiKey().key;
    for (const bad of ['', 'rr_', good.slice(0, -1), good + '0', good.toUpperCase(), good.replace('rr_', 'xx_'), `Bearer ${good}`, good.replace(/_/g, '-')]) {
      expect(parseApiKey(bad), bad).toBeNull();
    }
  });
});

describe('secretMatches', () => {
  it('refuses a secret differing in one character, and a stored hash of the wrong length', () => {
    const { key, secretHash } = generateApiKey();
    const secret = parseApiKey(key)!.secret;
    const flipped = secret.slice(0, -1) + (secret.endsWith('0') ? '1' : '0');
    expect(secretMatches(flipped, secretHash)).toBe(false);
    expect(secretMatches(secret, secretHash.subarray(0, 16))).toBe(false);
  });
});

describe('presentedKey', () => {
  it('reads Authorization: Bearer first, then X-API-Key', () => {
    expect(presentedKey('Bearer abc', undefined)).toBe('abc');
    expect(presentedKey('bearer   abc ', 'other')).toBe('abc');
    expect(presentedKey(undefined, ' xyz ')).toBe('xyz');
    expect(presentedKey(undefined, undefined)).toBeNull();
    expect(presentedKey(undefined, '')).toBeNull();
  });

  it('treats a malformed Authorization header as a (wrong) key, not as no key', () => {
    expect(presentedKey('Basic dXNlcjpwYXNz', undefined)).toBe('Basic dXNlcjpwYXNz');
    expect(presentedKey('Bearer ', undefined)).toBe('Bearer');
  });

  it('takes X-API-Key when Authorization belongs to a proxy (Basic)', () => {
    expect(presentedKey('Basic dXNlcjpwYXNz', 'rr_key')).toBe('rr_key');
  });
});

describe('parseScopes', () => {
  it('accepts known scopes in any case, once each', () => {
    expect(parseScopes('read, Submit,read')).toEqual(['read', 'submit']);
  });

  it('names unknown scopes and refuses an empty list', () => {
    expect(() => parseScopes('read,write')).toThrow(/write/);
    expect(() => parseScopes(' , ')).toThrow(/at least one/);
  });
});
