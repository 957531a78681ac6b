// Shared shape of benchmark figures: every bench/*.bench.ts exports `run()` returning these.

export interface BenchFigure {
  /** what was measured, e.g. "parse 45 KB page" */
  name: string;
  value: number;
  /** e.g. "pages/s", "us/posting", "MB" */
  unit: string;
  /** the target from the issue that set it, e.g. ">= 600", or undefined */
  target?: string;
  /** whether the figure meets its target, when there is one */
  meetsTarget?: boolean;
}

export interface BenchModule {
  run(): Promise<BenchFigure[]>;
}

/** Runs fn repeatedly for at least minMs and returns operations per second. */
export function opsPerSecond(fn: () => void, minMs = 1500): number {
  for (let i = 0; i < 20; i++) fn(); // warm up the JIT
  let count = 0;
  const start = process.hrtime.bigint();
  let elapsedNs = 0n;
  while (elapsedNs < BigInt(minMs) * 1_000_000n) {
    fn();
    count++;
    elapsedNs = process.hrtime.bigint() - start;
  }
  return count / (Number(elapsedNs) / 1e9);
}

export function rssMb(): number {
  return Math.round((process.memoryUsage().rss / 1024 / 1024) * 10) / 10;
}
