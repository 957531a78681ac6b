// `npm run bench [filter]`: runs every bench/*.bench.ts (or those whose name contains filter),
// prints one table and writes bench/results/<name>.json. Figures, never pass/fail.
import { readdir, mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchFigure, BenchModule } from './lib.ts';

const dir = path.dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';
const files = (await readdir(dir)).filter((f) => f.endsWith('.bench.ts') && f.includes(filter)).sort();
const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`;
await mkdir(path.join(dir, 'results'), { recursive: true });

const rows: Array<BenchFigure & { bench: string }> = [];
for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, '');
  process.stderr.write(`running ${name}...\n`);
  const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as BenchModule;
  const figures = await mod.run();
  rows.push(...figures.map((f) => ({ ...f, bench: name })));
  const out = { bench: name, machine, at: new Date().toISOString(), figures };
  await writeFile(path.join(dir, 'results', `${name}.json`), JSON.stringify(out, null, 2) + '\n');
}

const fmt = (n: number) => (Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2));
const table = rows.map((r) => ({
  bench: r.bench,
  figure: r.name,
  value: `${fmt(r.value)} ${r.unit}`,
  target: r.target ?? '',
  ok: r.meetsTarget === undefined ? '' : r.meetsTarget ? 'yes' : 'NO',
}));
console.log(`machine: ${machine}`);
console.table(table);
