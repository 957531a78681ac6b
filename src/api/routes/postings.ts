import { Hono } from 'hono';
import { z } from 'zod';
import { getPosting, upsertSubmittedPosting } from '../../db/postings.sql.ts';
import { canonicalizeUrl } from '../../ingest/canonical-url.ts';
import { enqueueAnalyze, retryAnalyze } from '../../queue.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { ProblemError, validate } from '../problem.ts';

const submitBody = z.object({
  url: z.string().url().refine((u) => /^https?:/i.test(u), 'must be an http(s) URL'),
});
const idParam = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** POST /postings submits a posting URL for analysis; GET /postings/:id returns its status and analysis. */
export function postingsRoutes(deps: ApiDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/', async (c) => {
    const body = validate(submitBody, await c.req.json().catch(() => null), 'body');
    const canonicalUrl = canonicalizeUrl(body.url);
    const posting = await upsertSubmittedPosting(deps.sql, { canonicalUrl, url: body.url });
    const payload = { postingId: posting.id, url: canonicalUrl };
    // A re-submit of a done posting re-checks the page; the worker skips unchanged content.
    if (posting.status === 'failed') await retryAnalyze(deps.analyzeQueue, payload);
    else await enqueueAnalyze(deps.analyzeQueue, [payload]);
    c.get('log').info({ postingId: posting.id, created: posting.created }, 'posting submitted');
    return c.json({ data: { id: posting.id, url: canonicalUrl, status: posting.status }, meta: { created: posting.created } }, 202, {
      Location: `/api/v1/postings/${posting.id}`,
    });
  });

  app.get('/:id', async (c) => {
    const { id } = validate(idParam, c.req.param(), 'params');
    const posting = await getPosting(deps.sql, id);
    if (!posting) throw new ProblemError(404, 'Not Found', `no posting with id ${id}`);
    return c.json({
      data: {
        id: posting.id,
        url: posting.canonicalUrl ?? posting.url,
        status: posting.status,
        error: posting.error,
        firstSeenAt: posting.firstSeenAt,
        fetchedAt: posting.fetchedAt,
        analyzedAt: posting.analyzedAt,
        analysis: posting.analysis,
      },
      meta: {},
    });
  });

  return app;
}
