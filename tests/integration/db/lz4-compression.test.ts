import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeText } from '../../../src/analyze.ts';
import { loadDefaultTaxonomy } from '../../../src/classify/index.ts';
import { upsertSubmittedPostings, writeAnalyses } from '../../../src/db/postings.sql.ts';
import { createTestDatabase } from '../../helpers/services.ts';
import type { TestDatabase } from '../../helpers/services.ts';

// sql/00015: the large per-posting columns use lz4 where the server has it (cheaper to write and
// read than pglz), and stored analyses read back unchanged.

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

describe('lz4 compression of posting columns (00015)', () => {
  it('sets lz4 on the large columns when the server supports it, and a compressed analysis reads back whole', async () => {
    const [{ lz4 }] = await db.sql<[{ lz4: boolean }]>`
      select 'lz4' = any(enumvals) as lz4 from pg_settings where name = 'default_toast_compression'`;
    const columns = await db.sql<{ col: string; compression: string }[]>`
      select c.relname || '.' || a.attname as col, a.attcompression as compression
      from pg_attribute a join pg_class c on c.oid = a.attrelid
      where (c.relname, a.attname) in (('postings', 'analysis'), ('postings', 'description'), ('postings', 'sections'),
                                       ('posting_skills', 'mentions'), ('posting_roles', 'evidence'))
      order by 1`;
    expect(columns).toHaveLength(5);
    for (const c of columns) expect({ col: c.col, compression: c.compression }).toEqual({ col: c.col, compression: lz4 ? 'l' : '' });

    // A description long enough that Postgres compresses it (over ~2 KB).
    const text = 'Requirements: Python, Django and PostgreSQL; Docker is a plus. '.repeat(80);
    const { parsed, analysis } = analyzeText(text, { title: 'Backend Python Developer', url: 'https://jobs.example/lz4' }, loadDefaultTaxonomy());
    const [p] = await upsertSubmittedPostings(db.sql, [{ url: 'https://jobs.example/lz4', canonicalUrl: 'https://jobs.example/lz4' }]);
    await writeAnalyses(db.sql, [{ postingId: p!.id, analysis, description: parsed.description, sections: parsed.sections, contentHash: 'h', fetchedAt: new Date(), etag: null, lastModified: null }]);
    const [row] = await db.sql<[{ method: string | null; description: string; analysis: unknown }]>`
      select pg_column_compression(description) as method, description, analysis from postings where id = ${p!.id}`;
    expect(row.method).toBe(lz4 ? 'lz4' : 'pglz');
    expect(row.description).toBe(parsed.description);
    expect(row.analysis).toEqual(JSON.parse(JSON.stringify(analysis)));
  });
});
