import { createRoute, z } from '@hono/zod-openapi';
import type { Queue } from 'bullmq';
import { ANALYZE_QUEUE, FEED_QUEUE } from '../../queue.ts';
import type { ApiDeps } from '../deps.ts';
import { createRouter, problemResponses } from '../openapi.ts';

const QueueName = z.enum([ANALYZE_QUEUE, FEED_QUEUE]).openapi({ param: { name: 'name', in: 'path' } });
const FailedJob = z
  .object({ id: z.string(), data: z.record(z.string(), z.unknown()), failedReason: z.string(), attemptsMade: z.number().int(), finishedOn: z.string().nullable() })
  .openapi('FailedJob');
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

/** /queues/{name}/failed: failed jobs with their reasons, and replaying them. */
export function queuesRoutes(deps: ApiDeps) {
  const app = createRouter();
  const queues: Record<string, Queue> = { [ANALYZE_QUEUE]: deps.analyzeQueue, [FEED_QUEUE]: deps.feedQueue };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{name}/failed',
      summary: 'Failed jobs (kept a week for analyses, a month for feed runs), newest first',
      request: { params: z.object({ name: QueueName }), query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
      responses: { 200: json(z.object({ data: z.array(FailedJob), meta: z.object({ total: z.number().int() }) }), 'failed jobs'), ...problemResponses(400) },
    }),
    async (c) => {
      const queue = queues[c.req.valid('param').name]!;
      const { limit } = c.req.valid('query');
      const [jobs, counts] = await Promise.all([queue.getFailed(0, limit - 1), queue.getJobCounts('failed')]);
      const data = jobs.map((j) => ({
        id: String(j.id),
        data: j.data as Record<string, unknown>,
        failedReason: j.failedReason,
        attemptsMade: j.attemptsMade,
        finishedOn: j.finishedOn ? new Date(j.finishedOn).toISOString() : null,
      }));
      return c.json({ data, meta: { total: counts.failed ?? 0 } }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{name}/failed/retry',
      summary: 'Replay failed jobs: all of them, or the ids given',
      request: {
        params: z.object({ name: QueueName }),
        body: { required: false, content: { 'application/json': { schema: z.object({ ids: z.array(z.string()).max(10_000).optional() }).strict() } } },
      },
      responses: { 202: json(z.object({ data: z.object({ retried: z.number().int() }), meta: z.object({}) }), 'replayed'), ...problemResponses(400) },
    }),
    async (c) => {
      const queue = queues[c.req.valid('param').name]!;
      // No body (or no JSON content type) replays every failed job.
      const body = c.req.valid('json') ?? {};
      let retried = 0;
      if (body.ids) {
        for (const id of body.ids) {
          const job = await queue.getJob(id);
          if (job && (await job.isFailed())) {
            await job.retry('failed');
            retried++;
          }
        }
      } else {
        retried = (await queue.getJobCounts('failed')).failed ?? 0;
        await queue.retryJobs({ state: 'failed' });
      }
      return c.json({ data: { retried }, meta: {} }, 202);
    },
  );
  return app;
}
