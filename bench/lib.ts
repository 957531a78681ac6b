// Shared shape of benchmark figures: every bench/*.bench.ts exports `run()` returning these.
import { WordTokenizer } from 'natural/lib/natural/tokenizers/index.js';
import { readCorpus } from '../src/classify/eval/corpus.ts';
import { parseText } from '../src/ingest/parse/index.ts';

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

/** CPU microseconds per call of fn, after a warm-up. */
export function cpuMicros(fn: () => void, calls: number): number {
  for (let k = 0; k < 200; k++) fn();
  const before = process.cpuUsage();
  for (let k = 0; k < calls; k++) fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / calls;
}

/** The tag bench's first 5 KB description: corpus texts 0, 8, 16... stitched, then parsed. */
export function yardstickText(): string {
  const texts = readCorpus().map((g) => g.text);
  let text = '';
  for (let j = 0; text.length < 5000; j += 8) text += `${texts[j % texts.length]}\n\n`;
  return parseText(text.slice(0, 5000), { title: 'Senior Software Engineer' }).description;
}

/**
 * How fast this machine runs right now: CPU microseconds natural's WordTokenizer takes on
 * yardstickText(). On a normal day here it reads 40-46 us (PERFORMANCE-NOTES: 50 us at 5.7 KB);
 * on some days the same idle machine reads twice that, and every figure moves with it.
 */
export function yardstickMicros(text = yardstickText()): number {
  const words = new WordTokenizer();
  return cpuMicros(() => words.tokenize(text), 3000);
}
