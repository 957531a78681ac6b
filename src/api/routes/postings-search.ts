import { createRoute, z } from '@hono/zod-openapi';
import { listPostings } from '../../db/postings-search.sql.ts';
import type { PostingListRow } from '../../db/postings-search.sql.ts';
import { toCsv } from '../../stats/csv.ts';
import type { ApiDeps } from '../deps.ts';
import { IsoDate, createRouter } from '../openapi.ts';
import { ProblemError } from '../problem.ts';
import { StatsFilters, statsProblems } from './stats-http.ts';

const PostingListItem = z
  .object({
    id: z.number().int(),
    url: z.string().nullable(),
    title: z.string().nullable(),
    company: z.string().nullable(),
    country: z.string().nullable(),
    workplace: z.string().nullable(),
    seniority: z.string().nullable(),
    primaryRole: z.string().nullable(),
    datePosted: z.string().nullable(),
    firstSeenAt: z.string(),
    closedAt: z.string().nullable(),
    duplicateOf: z.number().int().nullable(),
    status: z.enum(['pending', 'done', 'failed']),
  })
  .openapi('PostingListItem');

const COLUMNS = ['id', 'url', 'title', 'company', 'country', 'workplace', 'seniority', 'primaryRole', 'datePosted', 'firstSeenAt', 'closedAt', 'duplicateOf', 'status'];

const listRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'Search and list postings, newest first',
  description: 'The statistics filters (from/to apply only when given), q (title or company substring), and an opaque cursor.',
  request: {
    query: StatsFilters.extend({
      from: IsoDate.optional(),
      to: IsoDate.optional(),
      q: z.string().min(1).max(200).optional().openapi({ description: 'substring of title or company, any case' }),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      cursor: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'not a cursor this API gave out').optional(),
    }),
  },
  responses: {
    200: {
      description: 'a page of postings; meta.nextCursor fetches the next',
      content: {
        'application/json': { schema: z.object({ data: z.array(PostingListItem), meta: z.object({ nextCursor: z.string().nullable() }).passthrough() }) },
        'text/csv': { schema: z.string() },
      },
    },
    400: statsProblems[400],
  },
});

// The cursor is the last id seen, base64url-encoded: opaque to clients, stable under inserts.
const encodeCursor = (id: number) => Buffer.from(`p${id}`).toString('base64url');
function decodeCursor(cursor: string): number {
  const m = /^p(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw new ProblemError(400, 'Bad Request', 'query.cursor: not a cursor this API gave out');
  return Number(m[1]);
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : (v as string | null));

/** GET /postings: filters, q, cursor pagination (limit at most 200), newest first. */
export function postingsSearchRoutes(deps: ApiDeps) {
  return createRouter().openapi(listRoute, async (c) => {
    const query = c.req.valid('query');
    if (query.from && query.to && query.from > query.to) throw new ProblemError(400, 'Bad Request', 'query.from: must not be after query.to');
    const filters = {
      from: query.from ?? null,
      to: query.to ?? null,
      role: query.role ?? null,
      skill: query.skill ?? null,
      industry: query.industry ?? null,
      company: query.company?.trim().toLowerCase() ?? null,
      country: query.country?.toUpperCase() ?? null,
      workplace: query.workplace ?? null,
      seniority: query.seniority ?? null,
      source: query.source ?? null,
      unique: query.count === 'unique',
      openOnly: query.open === 'open',
      q: query.q ?? null,
    };
    const before = query.cursor ? decodeCursor(query.cursor) : null;
    const rows = await listPostings(deps.sql, filters, before, query.limit + 1);
    const page: PostingListRow[] = rows.slice(0, query.limit).map((r) => ({ ...r, firstSeenAt: iso(r.firstSeenAt)!, closedAt: iso(r.closedAt) }));
    const nextCursor = rows.length > query.limit ? encodeCursor(page[page.length - 1]!.id) : null;
    const csv = query.format === 'csv' || (query.format === undefined && /\btext\/csv\b/i.test(c.req.header('accept') ?? ''));
    if (csv) return c.body(toCsv(COLUMNS, page), 200, { 'Content-Type': 'text/csv; charset=utf-8' }) as never;
    const { cursor: _cursor, format: _format, ...applied } = query;
    return c.json({ data: page, meta: { ...applied, nextCursor } }, 200);
  });
}
