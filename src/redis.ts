import { Redis } from 'ioredis';

/**
 * A Redis connection. Workers need `maxRetriesPerRequest: null` (BullMQ's production guide:
 * blocking commands must wait out a Redis restart instead of failing); producers fail fast.
 */
export function createRedis(url: string, opts: { forWorker?: boolean } = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: opts.forWorker ? null : 3,
    enableOfflineQueue: true,
    lazyConnect: false,
  });
}
