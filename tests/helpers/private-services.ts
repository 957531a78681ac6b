import { spawn, execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

// Fault tests stop and restart Postgres and Redis. They must not touch the shared services the
// other test files use, so each gets private instances of its own, on free ports.

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

async function until(probe: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`${what} did not come up within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const succeeds = (cmd: string, args: string[]) => {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

export interface PrivateService {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** stops it for good and removes its files */
  destroy(): Promise<void>;
}

/** A Redis of this test's own, persisting to an append-only file so a restart keeps the queue (as in production). */
export async function startPrivateRedis(): Promise<PrivateService> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'rr-redis-'));
  let child: ChildProcess | null = null;
  const ping = () => succeeds('redis-cli', ['-p', String(port), 'ping']);
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''], { stdio: 'ignore' });
    await until(ping, 'private redis');
  };
  const stop = async () => {
    if (!child) return;
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    child = null;
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, start, stop, destroy: async () => (await stop(), rmSync(dir, { recursive: true, force: true })) };
}

const PG_BIN = process.env.PG_BIN ?? `/usr/lib/postgresql/${process.env.PG_MAJOR ?? '15'}/bin`;

/** A PostgreSQL cluster of this test's own (initdb as the postgres user, trust auth). */
export async function startPrivatePostgres(): Promise<PrivateService> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'rr-pg-'));
  chmodSync(dir, 0o777);
  const data = path.join(dir, 'data');
  // Postgres refuses to run as root: run its tools as the postgres user when we are root.
  const asPostgres = (bin: string, args: string[]) =>
    process.getuid?.() === 0 ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(PG_BIN, bin), ...args], { stdio: 'ignore' }) : execFileSync(path.join(PG_BIN, bin), args, { stdio: 'ignore' });
  asPostgres('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const ready = () => succeeds(path.join(PG_BIN, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-q']);
  const start = async () => {
    asPostgres('pg_ctl', ['-D', data, '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, '-l', path.join(dir, 'log'), '-w', 'start']);
    await until(ready, 'private postgres');
  };
  const stop = async () => {
    asPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/roleradar`,
    start,
    stop,
    destroy: async () => {
      await stop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
