import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { analyzeHtml, analyzeText } from '../analyze.ts';
import { loadDefaultTaxonomy } from '../classify/index.ts';
import { loadConfig } from '../config.ts';
import { InputError } from '../errors.ts';
import { FetchError, createFetcher } from '../ingest/fetch/index.ts';
import { ParseError } from '../ingest/parse/index.ts';
import { fetcherOptions } from '../runtime.ts';
import { readStdin } from './io.ts';
import type { PostingAnalysis, Taxonomy } from '../types.ts';

const jsonlInput = z
  .object({
    id: z.union([z.string(), z.number()]),
    html: z.string().optional(),
    text: z.string().optional(),
    title: z.string().nullish(),
    url: z.string().nullish(),
  })
  .refine((o) => (o.html === undefined) !== (o.text === undefined), 'give exactly one of "html" or "text"');

// Pasted text rarely contains tags; a page always does.
const looksLikeHtml = (s: string) => /<\/?[a-z][\w-]*[\s>/]/i.test(s.slice(0, 5000));

/** `roleradar analyze`: no services needed; the shipped taxonomy is used. */
export async function runAnalyze(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { jsonl: { type: 'boolean' }, compact: { type: 'boolean' } } });
  const taxonomy = loadDefaultTaxonomy();
  if (values.jsonl) return analyzeJsonl(taxonomy);
  const [input] = positionals;
  if (!input) {
    console.error('usage: roleradar analyze <file|url|->  (or --jsonl with lines on stdin)');
    return 1;
  }
  const analysis = await analyzeOne(input, taxonomy).catch((err: unknown) => {
    throw asInputError(err, input);
  });
  process.stdout.write(JSON.stringify(analysis, null, values.compact ? 0 : 2) + '\n');
  return 0;
}

async function analyzeOne(input: string, taxonomy: Taxonomy): Promise<PostingAnalysis> {
  if (/^https?:\/\//i.test(input)) {
    const fetcher = createFetcher(fetcherOptions(loadConfig()));
    try {
      const page = await fetcher.fetch(input, { accept: 'html' });
      return analyzeHtml(page.body, { url: page.url, fetchedAt: page.fetchedAt }, taxonomy).analysis;
    } finally {
      await fetcher.close();
    }
  }
  const content = input === '-' ? await readStdin() : await readFile(input, 'utf8');
  return (looksLikeHtml(content) ? analyzeHtml(content, {}, taxonomy) : analyzeText(content, {}, taxonomy)).analysis;
}

const FILE_ERRORS = new Set(['ENOENT', 'EACCES', 'EISDIR', 'ENOTDIR', 'EPERM']);

/** A file that cannot be read, a page refused or gone, or nothing to analyse: one line for the user, no stack. */
function asInputError(err: unknown, input: string): unknown {
  if (err instanceof ParseError || err instanceof FetchError) return new InputError(`${input}: ${err.message}`);
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && FILE_ERRORS.has(code)) return new InputError(`cannot read ${input}: ${(err as Error).message}`);
  return err;
}

// One output line per input line, same id; a bad line gets {"id", "error"} and the rest go on.
async function analyzeJsonl(taxonomy: Taxonomy): Promise<number> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  const progress = process.stderr.isTTY;
  let n = 0;
  let failed = 0;
  for await (const line of lines) {
    if (!line.trim()) continue;
    n++;
    let id: string | number | null = null;
    try {
      const raw: unknown = JSON.parse(line);
      // A line refused for its other fields still answers with its id, so the caller can match it.
      const rawId = (raw as { id?: unknown } | null)?.id;
      if (typeof rawId === 'string' || typeof rawId === 'number') id = rawId;
      const input = jsonlInput.parse(raw);
      const opts = { url: input.url ?? null, title: input.title ?? null };
      const { analysis } = input.html !== undefined ? analyzeHtml(input.html, opts, taxonomy) : analyzeText(input.text!, opts, taxonomy);
      process.stdout.write(JSON.stringify({ id, ...analysis }) + '\n');
    } catch (err) {
      failed++;
      const message = err instanceof z.ZodError ? err.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; ') : (err as Error).message;
      process.stdout.write(JSON.stringify({ id, line: n, error: message }) + '\n');
    }
    if (progress && n % 100 === 0) process.stderr.write(`\ranalyzed ${n} (${failed} failed)`);
  }
  if (progress) process.stderr.write(`\ranalyzed ${n} (${failed} failed)\n`);
  return failed > 0 ? 1 : 0;
}
