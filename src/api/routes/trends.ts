import { Hono } from 'hono';
import { z } from 'zod';
import { roleTrends } from '../../db/trends.sql.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { ProblemError, validate } from '../problem.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected ISO date YYYY-MM-DD').refine((s) => !Number.isNaN(Date.parse(s)), 'not a real date');
const trendQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  interval: z.enum(['day', 'week', 'month']).default('week'),
});

const DAY_MS = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** GET /trends/roles: postings per role per period (default: weekly over the last 12 weeks). */
export function trendsRoutes(deps: ApiDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/roles', async (c) => {
    const q = validate(trendQuery, c.req.query(), 'query');
    const to = q.to ?? isoDay(new Date());
    const from = q.from ?? isoDay(new Date(Date.parse(to) - 12 * 7 * DAY_MS));
    if (from > to) throw new ProblemError(400, 'Bad Request', 'query.from: must not be after query.to');
    const data = await roleTrends(deps.sql, { from, to, interval: q.interval });
    return c.json({ data, meta: { from, to, interval: q.interval } });
  });
  return app;
}
