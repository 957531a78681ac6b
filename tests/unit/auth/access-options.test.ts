import { describe, expect, it } from 'vitest';
import { accessOptions } from '../../../src/api/auth/access.ts';
import { ConfigError, loadConfig } from '../../../src/config.ts';

describe('accessOptions from config', () => {
  it('defaults: auth off on loopback, no CORS, 1200 requests a minute, lookups cached 5 s, counters under the queue prefix', () => {
    expect(accessOptions(loadConfig({}))).toEqual({ authEnabled: false, corsOrigins: [], rateLimitPerMinute: 1200, keyCacheMs: 5000, redisPrefix: 'roleradar:ratelimit' });
  });

  it('turns auth on by default off loopback, and follows AUTH_ENABLED when set', () => {
    expect(accessOptions(loadConfig({ HOST: '0.0.0.0' })).authEnabled).toBe(true);
    expect(accessOptions(loadConfig({ HOST: '0.0.0.0', AUTH_ENABLED: 'false' })).authEnabled).toBe(false);
    expect(accessOptions(loadConfig({ AUTH_ENABLED: 'yes' })).authEnabled).toBe(true);
    expect(accessOptions(loadConfig({ AUTH_ENABLED: '' })).authEnabled).toBe(false); // empty means unset
  });

  it('reads CORS_ORIGINS as a comma list and QUEUE_PREFIX into the counter prefix', () => {
    const o = accessOptions(loadConfig({ CORS_ORIGINS: ' https://a.example, https://b.example ,', QUEUE_PREFIX: 'prod' }));
    expect(o.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(o.redisPrefix).toBe('prod:ratelimit');
  });

  it('refuses bad values, naming the key', () => {
    expect(() => loadConfig({ AUTH_ENABLED: 'maybe' })).toThrow(ConfigError);
    expect(() => loadConfig({ AUTH_ENABLED: 'maybe' })).toThrow(/AUTH_ENABLED/);
    expect(() => loadConfig({ RATE_LIMIT_PER_MINUTE: '-1' })).toThrow(/RATE_LIMIT_PER_MINUTE/);
    expect(() => loadConfig({ AUTH_CACHE_MS: 'soon' })).toThrow(/AUTH_CACHE_MS/);
  });
});
