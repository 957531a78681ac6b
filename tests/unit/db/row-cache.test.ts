import { describe, expect, it } from 'vitest';
import { RowCache } from '../../../src/db/rollup-rows.sql.ts';
import type { SkillRow } from '../../../src/db/rollup-rows.sql.ts';

// The rows an API process keeps, and the reads in flight it shares between requests.

const row = (total: number): SkillRow => ({ total, counts: new Int32Array(3) });

describe('RowCache', () => {
  it('reads a row once however many requests want it at once, and keeps it for its stamp', async () => {
    const cache = new RowCache(1 << 20);
    const reads: string[][] = [];
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const read = async (keys: string[]) => {
      reads.push(keys);
      await gate;
      return new Map(keys.map((k) => [k, row(k.charCodeAt(0))]));
    };
    const a = cache.rows(new Map([['x', 's1'], ['y', 's1']]), read);
    const b = cache.rows(new Map([['y', 's1'], ['z', 's1']]), read);
    open();
    const [ra, rb] = await Promise.all([a, b]);
    expect(reads).toEqual([['x', 'y'], ['z']]);
    expect([...ra].map(([k, r]) => [k, r.total])).toEqual([['x', 120], ['y', 121]]);
    expect([...rb.keys()].sort()).toEqual(['y', 'z']);
    expect(rb.get('y')).toBe(ra.get('y'));

    await cache.rows(new Map([['x', 's1']]), read);
    expect(reads).toHaveLength(2); // kept
    await cache.rows(new Map([['x', 's2']]), read);
    expect(reads).toEqual([['x', 'y'], ['z'], ['x']]); // its stamp moved
  });

  it('fails every request waiting on a failed read, and keeps nothing of it', async () => {
    const cache = new RowCache(1 << 20);
    let calls = 0;
    const failing = async (): Promise<Map<string, SkillRow>> => {
      calls++;
      await new Promise((r) => setTimeout(r, 5));
      throw new Error('connection lost');
    };
    const wanted = new Map([['x', 's1']]);
    const results = await Promise.allSettled([cache.rows(wanted, failing), cache.rows(wanted, failing)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(calls).toBe(1);
    const again = await cache.rows(wanted, async (keys) => new Map(keys.map((k) => [k, row(7)])));
    expect(again.get('x')?.total).toBe(7);
    expect(cache.size).toBe(1);
  });
});
