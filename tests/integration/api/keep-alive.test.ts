import { Agent, get } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack } from '../../helpers/stack.ts';
import type { TestStack } from '../../helpers/stack.ts';

// The API keeps idle connections longer than its clients do (undici 4 s, load balancers 60 s), so
// the client always closes first: with Node's default 5 s, a reused connection could be reset.

let api: TestStack;

beforeAll(async () => {
  api = await startTestStack({ worker: false });
});
afterAll(() => api?.close());

describe('HTTP keep-alive', () => {
  it('announces a 65 s idle timeout on kept-alive connections', async () => {
    const agent = new Agent({ keepAlive: true });
    try {
      const header = await new Promise<string>((resolve, reject) => {
        get(`${api.url}/api/v1/health`, { agent }, (res) => {
          res.resume();
          resolve(String(res.headers['keep-alive']));
        }).on('error', reject);
      });
      expect(header).toBe('timeout=65');
    } finally {
      agent.destroy();
    }
  });
});
