import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRoleradar } from '../../helpers/processes.ts';
import { waitFor } from '../../helpers/services.ts';
import { startTestStack } from '../../helpers/stack.ts';
import type { TestStack } from '../../helpers/stack.ts';
// A user adds a skill the shipped taxonomy does not know; the change is stored as a new version,
// stored postings are re-tagged from their kept text by the worker, and the run says what changed.

let stack: TestStack;

const TEXTS = [
  'We build our analytics platform in Python. You will write data pipelines with DuckDB and Django services.',
  'Backend engineer: Python, Django and PostgreSQL. Our notebooks use DuckDB for quick analysis.',
  'Frontend developer with React and TypeScript; experience with Storybook is a plus.',
];

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());
const call = (method: string, path: string, body?: unknown) => stack.call(method, path, body);

describe('taxonomy changes and re-tagging', () => {
  const ids: number[] = [];

  it('pasted postings are tagged with the stored taxonomy', async () => {
    for (const [i, text] of TEXTS.entries()) {
      const r = await call('POST', '/api/v1/postings', { text, title: `Engineer ${i}` });
      expect(r.status).toBe(200);
      ids.push(r.body.data.id);
      expect(r.body.data.analysis.skills.map((s: any) => s.skill)).not.toContain('duckdb');
    }
  });

  it('a new skill becomes a new version; the worker re-tags stored postings and reports the change', async () => {
    const change = await call('PUT', '/api/v1/taxonomy/skills/duckdb', { name: 'DuckDB', category: 'databases', aliases: ['DuckDB', 'duckdb'] });
    expect(change.status).toBe(200);
    expect(change.body.data.retag).toBe(true);
    expect(change.body.data.after).not.toBe(change.body.data.before);

    const run = await waitFor(async () => {
      const runs = (await call('GET', '/api/v1/taxonomy/retag-runs')).body.data;
      return runs[0]?.status === 'succeeded' ? runs[0] : null;
    });
    expect(run.toVersion).toBe(change.body.data.after);
    expect(run.postings).toBe(3);
    expect(run.changes).toContainEqual({ kind: 'skill', tag: 'duckdb', before: 0, after: 2 });

    const posting = (await call('GET', `/api/v1/postings/${ids[0]}`)).body.data;
    expect(posting.analysis.taxonomyVersion).toBe(change.body.data.after);
    const duck = posting.analysis.skills.find((s: any) => s.skill === 'duckdb');
    expect(duck.mentions[0].text).toBe('DuckDB');
    expect(TEXTS[0]!.slice(duck.mentions[0].start, duck.mentions[0].end)).toBe('DuckDB');
  });

  it('refuses invalid changes with a 400 that says why, and changes nothing', async () => {
    const before = (await stack.db.sql`select count(*)::int as n from taxonomy_versions`)[0]!.n;
    const missing = await call('PUT', '/api/v1/taxonomy/skills/x-tool', { name: 'X' });
    expect(missing.status).toBe(400);
    expect(missing.body.detail).toMatch(/category/);
    const unknown = await call('DELETE', '/api/v1/taxonomy/skills/no-such-skill');
    expect(unknown.status).toBe(400);
    expect(unknown.body.detail).toMatch(/no skill with id "no-such-skill"/);
    expect((await stack.db.sql`select count(*)::int as n from taxonomy_versions`)[0]!.n).toBe(before);
  });

  it('the CLI exports the stored taxonomy, the user edit included', async () => {
    const cli = runRoleradar(['taxonomy', 'export'], { DATABASE_URL: stack.db.url, LOG_LEVEL: 'silent' });
    expect(await cli.exited, cli.output()).toBe(0);
    const exported = JSON.parse(cli.output());
    expect(exported.skills.find((s: any) => s.id === 'duckdb')).toMatchObject({ name: 'DuckDB', category: 'databases' });
  });
});
