// `roleradar analyze` as a user runs it, with no services: Postgres and Redis point at a port
// where nothing listens, so any attempt to reach them would fail the command.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const BIN = path.join(ROOT, 'bin/roleradar.js');
const PAGE = path.join(ROOT, 'tests/fixtures/pages/python-api-engineer.html');
const NO_SERVICES = { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', REDIS_URL: 'redis://127.0.0.1:1', FETCH_ALLOW_HOSTS: '' };

function analyze(args: string[], stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'analyze', ...args], { env: { ...process.env, ...NO_SERVICES }, cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

// The fields other programs read (PRODUCT.md, "One posting's analysis").
const CONTRACT = ['url', 'title', 'company', 'location', 'workplace', 'employmentType', 'datePosted', 'validThrough', 'salary',
  'seniority', 'industries', 'roles', 'skills', 'structuredData', 'taxonomyVersion'];

describe('roleradar analyze (no services running)', () => {
  it('prints the analysis JSON of a file', async () => {
    const r = await analyze([PAGE]);
    expect(r.code, r.stderr).toBe(0);
    const a = JSON.parse(r.stdout);
    for (const k of CONTRACT) expect(a, k).toHaveProperty(k);
    expect(a.title).toBe('Senior Python API Engineer');
    expect(a.skills.map((s: { skill: string }) => s.skill)).toContain('fastapi');
  }, 60_000);

  it('reads the page from stdin with -', async () => {
    const { readFile } = await import('node:fs/promises');
    const r = await analyze(['-'], await readFile(PAGE, 'utf8'));
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).company).toBe('Lindqvist Payments');
  }, 60_000);

  it.each([
    ['a missing file', ['/no/such/posting.html'], '', /^cannot read \/no\/such\/posting\.html: ENOENT/],
    ['empty stdin', ['-'], '', /^-: text is empty$/],
    ['binary stdin', ['-'], '\u0000\u0001\u0002PK'.repeat(200), /^-: .*binary/],
    ['a URL the SSRF guard refuses', ['http://127.0.0.1:1/job'], '', /^http:\/\/127\.0\.0\.1:1\/job: refusing .*SSRF/],
  ])('%s: one clear line on stderr, no stack, exit 1', async (_what, args, stdin, message) => {
    const r = await analyze(args, stdin);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('--jsonl answers one line per input with the same id; a bad line gets its id and an error', async () => {
    const lines = [
      { id: 'a', text: 'Data scientist wanted: forecasting models in Python with pandas.', title: 'Data Scientist' },
      { id: 7 },
      { id: 8, html: 5 },
      { id: 'b', html: '<h1>Backend Engineer</h1><p>Django and PostgreSQL.</p>' },
    ];
    const r = await analyze(['--jsonl'], lines.map((l) => JSON.stringify(l)).join('\n') + '\nnot json\n');
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(['a', 7, 8, 'b', null]);
    expect(out[0].roles[0].role).toBe('data-science-ml');
    expect(out[3].title).toBe('Backend Engineer');
    for (const i of [1, 2, 4]) expect(out[i].error, JSON.stringify(out[i])).toEqual(expect.any(String));
    expect(r.code).toBe(1); // some lines failed
  }, 60_000);
});
