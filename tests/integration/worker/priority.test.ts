import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRoleradar } from '../../helpers/processes.ts';
import type { RoleradarProcess } from '../../helpers/processes.ts';
import { createTestDatabase, deletePrefix, processEnv, testPrefix, waitFor } from '../../helpers/services.ts';
import type { TestDatabase } from '../../helpers/services.ts';

// `roleradar worker` is background work: every thread of the process runs at BACKGROUND_NICE,
// so on a machine shared with the API, requests are not kept waiting behind analyses.

let db: TestDatabase;
let prefix: string;
let worker: RoleradarProcess | null = null;

beforeAll(async () => {
  db = await createTestDatabase();
  prefix = testPrefix();
});

afterAll(async () => {
  worker?.child.kill('SIGKILL');
  await worker?.exited;
  await db?.drop();
  await deletePrefix(prefix);
});

// /proc/<pid>/task/<tid>/stat: the nice value is the 17th field after the ")" that ends the name
const threadNices = (pid: number) =>
  readdirSync(`/proc/${pid}/task`).map((tid) => Number(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]));

describe('worker CPU priority', () => {
  it('runs every thread of a worker process at BACKGROUND_NICE', async () => {
    worker = runRoleradar(['worker'], processEnv(db, prefix, { BACKGROUND_NICE: '7', LOG_LEVEL: 'info' }));
    const pid = worker.child.pid!;
    // up once it has connected to Redis and Postgres and started its workers
    await waitFor(async () => worker!.output().includes('"msg":"workers started"') || null, 30_000);
    const nices = threadNices(pid);
    expect(nices.length).toBeGreaterThan(4); // V8's and libuv's threads besides the main one
    expect(new Set(nices)).toEqual(new Set([7]));
  });
});
