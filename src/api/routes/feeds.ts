import { createRoute, z } from '@hono/zod-openapi';
import { getFeed, listFeeds, listRuns } from '../../db/feeds.sql.ts';
import { changeFeed, registerFeed, removeFeed } from '../../ingest/feed-registry.ts';
import { FEED_KINDS } from '../../ingest/feeds/index.ts';
import type { FeedKind } from '../../ingest/feeds/index.ts';
import { runFeedNow } from '../../queue.ts';
import type { ApiDeps } from '../deps.ts';
import { createRouter, problemResponses } from '../openapi.ts';
import { ProblemError } from '../problem.ts';

const FeedKindSchema = z.enum(FEED_KINDS as [FeedKind, ...FeedKind[]]);

const FeedSchema = z
  .object({
    id: z.number().int(),
    url: z.string(),
    kind: FeedKindSchema,
    name: z.string().nullable(),
    cron: z.string(),
    timezone: z.string(),
    enabled: z.boolean(),
    closeAfterMissedRuns: z.number().int(),
    maxPages: z.number().int(),
    urlFilter: z.string().nullable(),
  })
  .openapi('Feed');

const FeedRunSchema = z
  .object({
    id: z.number().int(),
    feedId: z.number().int(),
    status: z.enum(['running', 'succeeded', 'failed']),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    seen: z.number().int(),
    new: z.number().int(),
    updated: z.number().int(),
    duplicates: z.number().int(),
    closed: z.number().int(),
    failed: z.number().int(),
    errors: z.array(z.string()),
  })
  .openapi('FeedRun');

const Settings = {
  name: z.string().max(200).optional().openapi({ description: "a label; also the company of the feed's postings when the board does not name one (Lever, Ashby)", example: 'Fjordline AB' }),
  cron: z.string().max(100).optional().openapi({ description: 'cron pattern (default nightly: 0 3 * * *)', example: '0 3 * * *' }),
  timezone: z.string().max(100).optional().openapi({ description: 'IANA time zone of the cron pattern (default UTC)', example: 'Europe/Berlin' }),
  urlFilter: z.string().max(500).optional().openapi({ description: 'sitemaps: only URLs matching this regular expression are postings', example: '/jobs?/' }),
};
const CreateFeed = z
  .object({ url: z.string().max(2048).url().refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL'), kind: FeedKindSchema.optional(), ...Settings })
  .strict()
  .openapi('CreateFeed');
const ChangeFeed = z
  .object({
    ...Settings,
    enabled: z.boolean().optional(),
    closeAfterMissedRuns: z.number().int().min(1).max(100).optional(),
    maxPages: z.number().int().min(1).max(1000).optional(),
  })
  .strict()
  .openapi('ChangeFeed');
const IdParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).openapi({ param: { name: 'id', in: 'path' } }) });

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const one = z.object({ data: FeedSchema, meta: z.object({}) });

const view = (f: Awaited<ReturnType<typeof listFeeds>>[number]) => ({
  id: f.id, url: f.url, kind: f.kind, name: f.name, cron: f.cron, timezone: f.timezone,
  enabled: f.enabled, closeAfterMissedRuns: f.closeAfterMissedRuns, maxPages: f.maxPages, urlFilter: f.urlFilter,
});

/** /feeds: register, list, change and remove feeds, run one now, read its run history. */
export function feedsRoutes(deps: ApiDeps) {
  const app = createRouter();
  const registry = { sql: deps.sql, feedQueue: deps.feedQueue, fetcher: deps.fetcher };
  const mustExist = async (id: number) => {
    const feed = await getFeed(deps.sql, id);
    if (!feed) throw new ProblemError(404, 'Not Found', `no feed with id ${id}`);
    return feed;
  };

  app.openapi(
    createRoute({ method: 'post', path: '/', summary: 'Register a feed', request: { body: { required: true, content: { 'application/json': { schema: CreateFeed } } } }, responses: { 201: json(one, 'registered'), ...problemResponses(400, 409, 422) } }),
    async (c) => {
      const feed = await registerFeed(registry, c.req.valid('json'));
      c.get('log').info({ feedId: feed.id, kind: feed.kind }, 'feed registered');
      return c.json({ data: view(feed), meta: {} }, 201, { Location: `/api/v1/feeds/${feed.id}` });
    },
  );
  app.openapi(createRoute({ method: 'get', path: '/', summary: 'All feeds', responses: { 200: json(z.object({ data: z.array(FeedSchema), meta: z.object({}) }), 'feeds') } }), async (c) =>
    c.json({ data: (await listFeeds(deps.sql)).map(view), meta: {} }, 200),
  );
  app.openapi(createRoute({ method: 'get', path: '/{id}', summary: 'One feed', request: { params: IdParams }, responses: { 200: json(one, 'the feed'), ...problemResponses(404) } }), async (c) =>
    c.json({ data: view(await mustExist(c.req.valid('param').id)), meta: {} }, 200),
  );
  app.openapi(
    createRoute({ method: 'patch', path: '/{id}', summary: 'Change a feed', request: { params: IdParams, body: { required: true, content: { 'application/json': { schema: ChangeFeed } } } }, responses: { 200: json(one, 'changed'), ...problemResponses(400, 404) } }),
    async (c) => {
      const { id } = c.req.valid('param');
      const feed = await changeFeed(registry, id, c.req.valid('json'));
      if (!feed) throw new ProblemError(404, 'Not Found', `no feed with id ${id}`);
      return c.json({ data: view(feed), meta: {} }, 200);
    },
  );
  app.openapi(createRoute({ method: 'delete', path: '/{id}', summary: 'Remove a feed (its postings stay)', request: { params: IdParams }, responses: { 204: { description: 'removed' }, ...problemResponses(404) } }), async (c) => {
    const { id } = c.req.valid('param');
    if (!(await removeFeed(registry, id))) throw new ProblemError(404, 'Not Found', `no feed with id ${id}`);
    return c.body(null, 204);
  });
  app.openapi(
    createRoute({ method: 'post', path: '/{id}/run', summary: 'Run a feed now', request: { params: IdParams }, responses: { 202: json(z.object({ data: z.object({ feedId: z.number(), jobId: z.string() }), meta: z.object({}) }), 'queued'), ...problemResponses(404) } }),
    async (c) => {
      const feed = await mustExist(c.req.valid('param').id);
      const jobId = await runFeedNow(deps.feedQueue, feed.id);
      return c.json({ data: { feedId: feed.id, jobId }, meta: {} }, 202);
    },
  );
  app.openapi(
    createRoute({ method: 'get', path: '/{id}/runs', summary: "A feed's runs, newest first, with counts and errors", request: { params: IdParams }, responses: { 200: json(z.object({ data: z.array(FeedRunSchema), meta: z.object({}) }), 'runs'), ...problemResponses(404) } }),
    async (c) => {
      const feed = await mustExist(c.req.valid('param').id);
      const runs = await listRuns(deps.sql, feed.id);
      const data = runs.map((r) => ({ ...r, startedAt: r.startedAt.toISOString(), finishedAt: r.finishedAt?.toISOString() ?? null }));
      return c.json({ data, meta: {} }, 200);
    },
  );
  return app;
}
