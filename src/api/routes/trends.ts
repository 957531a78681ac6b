import { createRoute, z } from '@hono/zod-openapi';
import { roleTrends } from '../../db/trends.sql.ts';
import type { ApiDeps } from '../deps.ts';
import { IsoDate, createRouter, problemResponses } from '../openapi.ts';
import { ProblemError } from '../problem.ts';

const TrendQuery = z.object({
  from: IsoDate.optional().openapi({ description: 'first day (default: 12 weeks before `to`)' }),
  to: IsoDate.optional().openapi({ description: 'last day (default: today)' }),
  interval: z.enum(['day', 'week', 'month']).default('week'),
});

const RoleTrend = z
  .object({
    period: z.string().openapi({ description: 'first day of the period', example: '2026-11-16' }),
    role: z.string().openapi({ example: 'api-integration' }),
    count: z.number().int(),
    share: z.number().openapi({ description: 'count / all analysed postings in the period' }),
  })
  .openapi('RoleTrend');

const roleTrendsRoute = createRoute({
  method: 'get',
  path: '/roles',
  summary: 'Postings per role per period',
  request: { query: TrendQuery },
  responses: {
    200: {
      description: 'one row per period and role',
      content: {
        'application/json': {
          schema: z.object({ data: z.array(RoleTrend), meta: z.object({ from: z.string(), to: z.string(), interval: z.string() }) }),
        },
      },
    },
    ...problemResponses(400),
  },
});

const DAY_MS = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** GET /trends/roles: postings per role per period (default: weekly over the last 12 weeks). */
export function trendsRoutes(deps: ApiDeps) {
  return createRouter().openapi(roleTrendsRoute, async (c) => {
    const q = c.req.valid('query');
    const to = q.to ?? isoDay(new Date());
    const from = q.from ?? isoDay(new Date(Date.parse(to) - 12 * 7 * DAY_MS));
    if (from > to) throw new ProblemError(400, 'Bad Request', 'query.from: must not be after query.to');
    const data = await roleTrends(deps.sql, { from, to, interval: q.interval });
    return c.json({ data, meta: { from, to, interval: q.interval } }, 200);
  });
}
