import type { Sql } from 'postgres';
import { toAnalysis } from '../analyze.ts';
import { classifyPosting } from '../classify/index.ts';
import { writeAnalyses } from '../db/postings.sql.ts';
import type { AnalysisWrite } from '../db/postings.sql.ts';
import type { ParsedPosting, PostingAnalysis, Section, Taxonomy } from '../types.ts';

// Re-tagging: after a taxonomy change, every stored posting is tagged again from its kept text
// (no refetch), and the run records the postings per tag before and after.

export interface TagChange {
  kind: 'role' | 'skill';
  tag: string;
  before: number;
  after: number;
}

export interface RetagReport {
  runId: number;
  toVersion: string;
  postings: number;
  skipped: number;
  changes: TagChange[];
}

interface StoredPosting {
  id: string;
  analysis: PostingAnalysis;
  description: string;
  sections: Section[] | null;
  contentHash: string | null;
  fetchedAt: Date | null;
  etag: string | null;
  lastModified: string | null;
}

/** A ParsedPosting rebuilt from what was stored with its analysis. */
export function storedToParsed(p: Pick<StoredPosting, 'analysis' | 'description' | 'sections'>): ParsedPosting {
  const a = p.analysis;
  return {
    url: a.url,
    title: a.title,
    company: a.company,
    description: p.description,
    sections: p.sections ?? [],
    location: a.location,
    locations: a.location ? [a.location] : [],
    workplace: a.workplace,
    employmentType: a.employmentType,
    datePosted: a.datePosted,
    validThrough: a.validThrough,
    salary: a.salary,
    structuredData: a.structuredData,
  };
}

async function tagCounts(sql: Sql): Promise<Map<string, number>> {
  const rows = await sql<{ key: string; n: number }[]>`
    select 'skill:' || skill as key, count(*)::int as n from posting_skills where not negated group by skill
    union all
    select 'role:' || role, count(*)::int from posting_roles group by role`;
  return new Map(rows.map((r) => [r.key, r.n]));
}

/** The tags whose posting counts differ, largest change first. */
export function diffTagCounts(before: Map<string, number>, after: Map<string, number>): TagChange[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  const changes: TagChange[] = [];
  for (const key of keys) {
    const b = before.get(key) ?? 0;
    const a = after.get(key) ?? 0;
    if (a === b) continue;
    const [kind, ...tag] = key.split(':');
    changes.push({ kind: kind as 'role' | 'skill', tag: tag.join(':'), before: b, after: a });
  }
  return changes.sort((x, y) => Math.abs(y.after - y.before) - Math.abs(x.after - x.before) || x.tag.localeCompare(y.tag));
}

/** Re-tags every analysed posting not yet tagged with `taxonomy`, in batches; records the run. */
export async function retagPostings(
  sql: Sql,
  taxonomy: Taxonomy,
  opts: { batchSize?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<RetagReport> {
  const batchSize = opts.batchSize ?? 500;
  const [run] = await sql<{ id: string }[]>`insert into retag_runs (to_version) values (${taxonomy.version}) returning id`;
  const runId = Number(run!.id);
  try {
    const before = await tagCounts(sql);
    const [pending] = await sql<{ total: number; skipped: number }[]>`
      select count(*) filter (where description is not null)::int as total, count(*) filter (where description is null)::int as skipped
      from postings where status = 'done' and taxonomy_version is distinct from ${taxonomy.version}`;
    const { total, skipped } = pending!;
    let done = 0;
    let lastId = 0;
    for (;;) {
      const rows = await sql<StoredPosting[]>`
        select id, analysis, description, sections, content_hash, fetched_at, etag, last_modified from postings
        where status = 'done' and description is not null and taxonomy_version is distinct from ${taxonomy.version} and id > ${lastId}
        order by id limit ${batchSize}`;
      if (rows.length === 0) break;
      const writes: AnalysisWrite[] = rows.map((r) => {
        const parsed = storedToParsed(r);
        return {
          postingId: Number(r.id),
          analysis: toAnalysis(parsed, classifyPosting(parsed, taxonomy)),
          description: r.description,
          sections: parsed.sections,
          contentHash: r.contentHash ?? '',
          fetchedAt: r.fetchedAt ?? new Date(),
          etag: r.etag,
          lastModified: r.lastModified,
        };
      });
      await writeAnalyses(sql, writes);
      lastId = Number(rows.at(-1)!.id);
      done += rows.length;
      opts.onProgress?.(done, total);
    }
    const changes = diffTagCounts(before, await tagCounts(sql));
    await sql`update retag_runs set status = 'succeeded', finished_at = now(), postings = ${done}, skipped = ${skipped},
      changes = ${sql.json(changes as unknown as Parameters<typeof sql.json>[0])} where id = ${runId}`;
    return { runId, toVersion: taxonomy.version, postings: done, skipped, changes };
  } catch (err) {
    await sql`update retag_runs set status = 'failed', finished_at = now(), error = ${(err as Error).message} where id = ${runId}`;
    throw err;
  }
}

/** The latest re-tag runs, newest first. */
export async function listRetagRuns(sql: Sql, limit = 20) {
  return sql`select id::int as id, to_version, status, started_at, finished_at, postings, skipped, changes, error
             from retag_runs order by started_at desc, id desc limit ${limit}`;
}
