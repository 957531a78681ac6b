import { describe, expect, it } from 'vitest';
import { assertSafeListen, authEnabled, isLoopbackHost } from '../../../src/api/auth/listen-check.ts';

describe('isLoopbackHost', () => {
  it('knows loopback addresses in their usual spellings', () => {
    for (const h of ['127.0.0.1', '127.0.0.53', '127.1', '::1', '[::1]', '::ffff:127.0.0.1', 'localhost', 'LOCALHOST', 'api.localhost']) {
      expect(isLoopbackHost(h), h).toBe(true);
    }
  });

  it('treats every-interface, private, public addresses and other names as reachable from elsewhere', () => {
    for (const h of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', '8.8.8.8', 'fe80::1', 'example.com', 'localhost.example.com', 'my-host']) {
      expect(isLoopbackHost(h), h).toBe(false);
    }
  });
});

describe('authEnabled', () => {
  it('follows AUTH_ENABLED when set, otherwise is on exactly off loopback', () => {
    expect(authEnabled({ HOST: '127.0.0.1' })).toBe(false);
    expect(authEnabled({ HOST: '0.0.0.0' })).toBe(true);
    expect(authEnabled({ HOST: '127.0.0.1', AUTH_ENABLED: true })).toBe(true);
    expect(authEnabled({ HOST: '0.0.0.0', AUTH_ENABLED: false })).toBe(false);
  });
});

describe('assertSafeListen', () => {
  it('refuses a non-loopback HOST with auth off, naming HOST and AUTH_ENABLED', () => {
    expect(() => assertSafeListen({ HOST: '0.0.0.0', AUTH_ENABLED: false })).toThrow(/HOST=0\.0\.0\.0.*AUTH_ENABLED=false/);
    expect(() => assertSafeListen({ HOST: '192.168.1.10', AUTH_ENABLED: false })).toThrow(/HOST=192\.168\.1\.10/);
  });

  it('allows loopback without auth and any address with auth', () => {
    expect(() => assertSafeListen({ HOST: '127.0.0.1', AUTH_ENABLED: false })).not.toThrow();
    expect(() => assertSafeListen({ HOST: '::1' })).not.toThrow();
    expect(() => assertSafeListen({ HOST: '0.0.0.0', AUTH_ENABLED: true })).not.toThrow();
    expect(() => assertSafeListen({ HOST: '0.0.0.0' })).not.toThrow();
  });
});
