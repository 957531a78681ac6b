import { describe, expect, it } from 'vitest';
import { BatchWriter } from '../../../src/db/batch-writer.ts';

describe('BatchWriter', () => {
  it('writes a full batch at once and the rest after the wait', async () => {
    const batches: number[][] = [];
    const writer = new BatchWriter<number>(async (items) => void batches.push(items), 3, 20);
    await Promise.all([1, 2, 3, 4].map((n) => writer.add(n)));
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('fails every item of a failed batch, so each job is retried', async () => {
    const writer = new BatchWriter<number>(async () => {
      throw new Error('db down');
    }, 10, 5);
    const results = await Promise.allSettled([writer.add(1), writer.add(2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('writes at once when every producer is waiting on the batch, instead of after the wait', async () => {
    const batches: number[][] = [];
    let producers = 2;
    const writer = new BatchWriter<number>(async (items) => void batches.push(items), 100, 60_000, () => producers);
    const first = writer.add(1);
    expect(batches).toEqual([]); // one of two producers waits: the other may still add
    const second = writer.add(2);
    await Promise.all([first, second]);
    expect(batches).toEqual([[1, 2]]);

    const third = writer.add(3);
    producers = 1; // the other producer finished without adding
    expect(writer.flushIfFull()).toBe(true);
    await third;
    expect(batches).toEqual([[1, 2], [3]]);
  });

  it('close() writes what is still waiting', async () => {
    const written: number[] = [];
    const writer = new BatchWriter<number>(async (items) => void written.push(...items), 100, 60_000);
    const pending = writer.add(7);
    await writer.close();
    await pending;
    expect(written).toEqual([7]);
  });
});
