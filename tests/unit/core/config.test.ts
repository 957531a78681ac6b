import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.ts';

describe('loadConfig', () => {
  it('has defaults that work on a developer machine', () => {
    const c = loadConfig({});
    expect(c.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/roleradar');
    expect(c.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(c.PORT).toBe(8080);
    expect(c.FETCH_ALLOW_HOSTS).toEqual([]);
    expect([c.STATS_ROW_CACHE_MB, c.STATS_ANSWER_CACHE_MB]).toEqual([64, 32]);
  });

  it('parses lists, numbers and booleans, and treats empty strings as unset', () => {
    const c = loadConfig({ FETCH_ALLOW_HOSTS: '127.0.0.1, localhost', PORT: '9000', FETCH_RESPECT_ROBOTS: 'false', LOG_LEVEL: '' });
    expect(c.FETCH_ALLOW_HOSTS).toEqual(['127.0.0.1', 'localhost']);
    expect(c.PORT).toBe(9000);
    expect(c.FETCH_RESPECT_ROBOTS).toBe(false);
    expect(c.LOG_LEVEL).toBe('info');
  });

  it('names every bad key in one message', () => {
    expect(() => loadConfig({ PORT: 'eighty', REDIS_URL: 'nope' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', REDIS_URL: 'nope' });
    } catch (err) {
      expect((err as Error).message).toMatch(/PORT/);
      expect((err as Error).message).toMatch(/REDIS_URL/);
    }
  });
});
