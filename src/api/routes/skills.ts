import { createRoute, z } from '@hono/zod-openapi';
import { tallyPostings } from '../../db/postings-stats.sql.ts';
import { cooccurring } from '../../db/trends.sql.ts';
import { cacheKey, planQuery, snapToMonths } from '../../stats/filters.ts';
import { cooccurrenceTally } from '../../stats/postings-tallies.ts';
import type { ApiDeps } from '../deps.ts';
import { createRouter, problemResponses } from '../openapi.ts';
import { ProblemError } from '../problem.ts';
import { StatsFilters, filterMeta, filtersOf, skillLookup, statsAnswer, statsProblems, tableResponse } from './stats-http.ts';

const CoSkill = z
  .object({
    skill: z.string(),
    name: z.string(),
    category: z.string(),
    count: z.number().int().openapi({ description: 'postings having both' }),
    share: z.number().openapi({ description: 'count / postings having {id}' }),
    lift: z.number().openapi({ description: 'P(both) / (P(id) * P(other)) over the postings matching the filters' }),
  })
  .openapi('CoSkill');

const cooccurrenceRoute = createRoute({
  method: 'get',
  path: '/{id}/cooccurrence',
  summary: 'Skills that appear with a skill, with counts and lift',
  description: 'Kept per month: from/to widen to whole months (meta shows the range used). With a dimension filter (role, country, ...) it is counted from the postings themselves (meta.countedFrom), which takes longer.',
  request: {
    params: z.object({ id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' }, example: 'python' }) }),
    query: StatsFilters.extend({ limit: z.coerce.number().int().min(1).max(200).default(20) }),
  },
  responses: { 200: tableResponse('co-occurring skills by count, descending', z.array(CoSkill)), ...statsProblems, ...problemResponses(404) },
});

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** GET /skills/{id}/cooccurrence. */
export function skillsRoutes(deps: ApiDeps) {
  const app = createRouter();
  const skillInfo = skillLookup(deps);

  app.openapi(cooccurrenceRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { limit, format, ...raw } = c.req.valid('query');
    if (!skillInfo(id)) throw new ProblemError(404, 'Not Found', `no skill with id ${id} in taxonomy ${deps.taxonomy().version}`);
    const f = filtersOf(raw);
    // Pairs are kept per month, unfiltered: with a filter they are counted from the postings.
    const plan = planQuery({ ...f, ...snapToMonths(f.from, f.to) }, []);
    const { q } = plan;
    // The answer depends only on the whole months the range touches: key it by them.
    const res = await statsAnswer(c, deps, { key: cacheKey(`co ${id}`, { ...f, from: q.from, to: q.to, limit }), format, grain: 'month' }, async (src) => {
      const { pairs, own, total } = plan.from === 'rollups' ? await cooccurring(src, plan.q, id, limit) : await tallyPostings(src.sql, plan.q, plan.q, cooccurrenceTally(q.from, q.to, id, limit));
      const data = pairs.map((p) => ({
        skill: p.skill,
        name: skillInfo(p.skill)?.name ?? p.skill,
        category: skillInfo(p.skill)?.category ?? '',
        count: p.count,
        share: own > 0 ? round4(p.count / own) : 0,
        lift: own > 0 && p.other > 0 ? round4((p.count * total) / (own * p.other)) : 0,
      }));
      const meta = { ...filterMeta(f), from: q.from, to: q.to, grain: 'month', skill: id, postings: own, total, limit, countedFrom: plan.from };
      return { data, meta, csv: { columns: ['skill', 'name', 'category', 'count', 'share', 'lift'], rows: data } };
    });
    return res as never;
  });

  return app;
}
