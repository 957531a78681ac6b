import { createRoute, z } from '@hono/zod-openapi';
import { tallyPostings } from '../../db/postings-stats.sql.ts';
import { salaryBands } from '../../db/trends.sql.ts';
import type { SalaryBand } from '../../db/trends.sql.ts';
import { EncodedJson } from '../../stats/encoded-json.ts';
import { cacheKey, planQuery, snapToMonths } from '../../stats/filters.ts';
import { salaryTally } from '../../stats/postings-tallies.ts';
import type { ApiDeps } from '../deps.ts';
import { createRouter } from '../openapi.ts';
import { StatsFilters, filterMeta, filtersOf, statsAnswer, statsProblems, tableResponse } from './stats-http.ts';

const SalaryBand = z
  .object({
    group: z.string(),
    currency: z.string().openapi({ description: 'ISO 4217; currencies are never mixed in one row' }),
    n: z.number().int(),
    p25: z.number().nullable(),
    p50: z.number().nullable(),
    p75: z.number().nullable(),
  })
  .openapi('SalaryBand');

const salariesRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'Salary percentiles per group and currency',
  description:
    'Annualised salary midpoints ((annualMin + annualMax) / 2, rounded to 100 units), one row per group and currency. ' +
    'Kept per month: from/to widen to whole months (meta shows the range used). Filters the rollups do not hold (two at once, or any with groupBy=skill) are counted from the postings themselves (meta.countedFrom), which takes longer.',
  request: { query: StatsFilters.extend({ groupBy: z.enum(['role', 'skill', 'country', 'seniority']).default('role') }) },
  responses: { 200: tableResponse('one row per group and currency', z.array(SalaryBand)), ...statsProblems },
});

const FACETS = ['role', 'industry', 'country', 'workplace', 'seniority', 'source'] as const;

/** GET /salaries?groupBy=role|skill|country|seniority. */
export function salariesRoutes(deps: ApiDeps) {
  return createRouter().openapi(salariesRoute, async (c) => {
    const { groupBy, format, ...raw } = c.req.valid('query');
    const f = filtersOf(raw);
    // Skill groups are kept unfiltered; other filters the rollups do not hold are counted from the postings.
    const plan = planQuery({ ...f, ...snapToMonths(f.from, f.to) }, groupBy === 'skill' ? [] : FACETS);
    const { q } = plan;
    // The answer depends only on the whole months the range touches: key it by them.
    const res = await statsAnswer(c, deps, { key: cacheKey('salaries', { ...f, from: q.from, to: q.to, groupBy }), format, grain: 'month' }, async (src) => {
      const data = plan.from === 'rollups' ? await salaryBands(src, plan.q, groupBy) : EncodedJson.of(await tallyPostings(src.sql, plan.q, plan.q, salaryTally(q.from, q.to, groupBy)));
      const meta = { ...filterMeta(f), from: q.from, to: q.to, grain: 'month', groupBy, countedFrom: plan.from };
      return { data, meta, csv: { columns: ['group', 'currency', 'n', 'p25', 'p50', 'p75'], rows: () => JSON.parse(data.text()) as SalaryBand[] } };
    });
    return res as never;
  });
}
