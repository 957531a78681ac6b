import { createRoute, z } from '@hono/zod-openapi';
import { salaryBands } from '../../db/trends.sql.ts';
import type { SalaryBand } from '../../db/trends.sql.ts';
import { cacheKey, rollupQuery, snapToMonths } from '../../stats/filters.ts';
import type { ApiDeps } from '../deps.ts';
import { createRouter } from '../openapi.ts';
import { StatsFilters, filterMeta, filtersOf, orBadRequest, statsAnswer, statsProblems, tableResponse } from './stats-http.ts';

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
    'Kept per month: from/to widen to whole months (meta shows the range used). groupBy=skill takes no dimension filter.',
  request: { query: StatsFilters.extend({ groupBy: z.enum(['role', 'skill', 'country', 'seniority']).default('role') }) },
  responses: { 200: tableResponse('one row per group and currency', z.array(SalaryBand)), ...statsProblems },
});

const FACETS = ['role', 'industry', 'country', 'workplace', 'seniority', 'source'] as const;

/** GET /salaries?groupBy=role|skill|country|seniority. */
export function salariesRoutes(deps: ApiDeps) {
  return createRouter().openapi(salariesRoute, async (c) => {
    const { groupBy, format, ...raw } = c.req.valid('query');
    const f = filtersOf(raw);
    const q = { ...orBadRequest(() => rollupQuery(f, groupBy === 'skill' ? [] : FACETS)), ...snapToMonths(f.from, f.to) };
    // The answer depends only on the whole months the range touches: key it by them.
    const res = await statsAnswer(c, deps, { key: cacheKey('salaries', { ...f, from: q.from, to: q.to, groupBy }), format, grain: 'month' }, async (src) => {
      const data = await salaryBands(src, q, groupBy);
      const meta = { ...filterMeta(f), from: q.from, to: q.to, grain: 'month', groupBy };
      return { data, meta, csv: { columns: ['group', 'currency', 'n', 'p25', 'p50', 'p75'], rows: () => JSON.parse(data.text()) as SalaryBand[] } };
    });
    return res as never;
  });
}
