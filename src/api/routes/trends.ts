import { createRoute, z } from '@hono/zod-openapi';
import type { RollupSource } from '../../db/rollup-rows.sql.ts';
import { tallyPostings } from '../../db/postings-stats.sql.ts';
import { roleTrends, skillSeries, topSkills, topSkillsWith } from '../../db/trends.sql.ts';
import { cacheKey, planQuery, previousMonths, previousRange, skillsFilteredOn, snapToMonths } from '../../stats/filters.ts';
import type { AppliedFilters } from '../../stats/filters.ts';
import type { TopSkills } from '../../stats/answers.ts';
import { roleTally, skillSeriesTally, topSkillsTally } from '../../stats/postings-tallies.ts';
import { skillRanking } from '../../stats/skill-ranking.ts';
import type { ApiDeps } from '../deps.ts';
import { createRouter } from '../openapi.ts';
import { StatsFilters, filterMeta, filtersOf, skillLookup, statsAnswer, statsProblems, tableResponse } from './stats-http.ts';

const Interval = z.enum(['day', 'week', 'month']);
const Period = z.string().openapi({ description: 'first day of the period (weeks start on Monday)', example: '2026-11-16' });

const RoleTrend = z
  .object({ period: Period, role: z.string(), count: z.number().int(), share: z.number().openapi({ description: 'count / all postings matching the filters in the period (a posting has several roles)' }) })
  .openapi('RoleTrend');

const SkillTrend = z
  .object({
    skill: z.string(),
    name: z.string(),
    category: z.string(),
    count: z.number().int(),
    share: z.number().openapi({ description: 'count / postings matching the filters' }),
    previousCount: z.number().int().openapi({ description: 'count in the period of the same length just before `from`' }),
    growth: z.number().openapi({ description: '(count - previousCount) / max(previousCount, 1)' }),
    trend: z.enum(['rising', 'falling', 'steady']),
    requiredShare: z.number().openapi({ description: 'share of this skill\'s postings that require it' }),
    preferredShare: z.number(),
  })
  .openapi('SkillTrend');

const SKILL_TREND_COLUMNS = Object.keys(SkillTrend.shape);

const SkillPoint = z.object({ period: Period, skill: z.string(), count: z.number().int(), share: z.number() }).openapi('SkillPoint');

const rolesRoute = createRoute({
  method: 'get',
  path: '/roles',
  summary: 'Postings per role per period',
  request: { query: StatsFilters.extend({ interval: Interval.default('week') }) },
  responses: { 200: tableResponse('one row per period and role', z.array(RoleTrend)), ...statsProblems },
});

const skillsRoute = createRoute({
  method: 'get',
  path: '/skills',
  summary: 'Top skills with growth against the previous period',
  description:
    'With `skill`, the skills of the postings having it (month grain: from/to widen to whole months, see meta). ' +
    'Filters the rollups do not hold (two at once, or company) are counted from the postings themselves (meta.countedFrom), which takes longer.',
  request: { query: StatsFilters.extend({ limit: z.coerce.number().int().min(1).max(200).default(20) }) },
  responses: { 200: tableResponse('skills by count, descending', z.array(SkillTrend)), ...statsProblems },
});

const seriesRoute = createRoute({
  method: 'get',
  path: '/skills/series',
  summary: 'Postings per skill per period',
  request: {
    query: StatsFilters.extend({
      interval: Interval.default('week'),
      skills: z
        .string()
        .regex(/^[\w.+#-]+(,[\w.+#-]+){0,9}$/, 'expected up to 10 comma-separated skill ids')
        .optional()
        .openapi({ description: 'skill ids (default: the top 5 for the filters)', example: 'python,django' }),
    }),
  },
  responses: { 200: tableResponse('one row per period and skill', z.array(SkillPoint)), ...statsProblems },
});

// Skill filters are answered by the month pair rollup; the other skill figures are per day.
const SKILL_FACETS = ['role', 'industry', 'country', 'workplace', 'seniority', 'source'] as const;

/** GET /trends/roles, /trends/skills and /trends/skills/series. */
export function trendsRoutes(deps: ApiDeps) {
  const app = createRouter();
  const skillInfo = skillLookup(deps);

  app.openapi(rolesRoute, async (c) => {
    const { interval, format, ...raw } = c.req.valid('query');
    const f = filtersOf(raw);
    const plan = planQuery(f);
    const res = await statsAnswer(c, deps, { key: cacheKey('roles', { ...f, interval }), format }, async (src) => {
      const data = plan.from === 'rollups' ? await roleTrends(src, plan.q, interval) : await tallyPostings(src.sql, plan.q, plan.q, roleTally(f.from, f.to, interval));
      return { data, meta: { ...filterMeta(f), interval, countedFrom: plan.from }, csv: { columns: ['period', 'role', 'count', 'share'], rows: data } };
    });
    return res as never;
  });

  app.openapi(skillsRoute, async (c) => {
    const { limit, format, ...raw } = c.req.valid('query');
    const f = filtersOf(raw);
    // With a skill filter the answer depends only on the whole months the range touches.
    const keyed = f.skill === null ? f : { ...f, ...snapToMonths(f.from, f.to) };
    // grain 'month' either way: without a skill filter the range is read from week and month
    // skill rows too, which only the refresher's month pass rewrites (a request's catch-up
    // refresh rewrites days only), so the day stamp would claim data fresher than it is.
    const res = await statsAnswer(c, deps, { key: cacheKey('skills', { ...keyed, limit }), format, grain: 'month' }, async (src) => {
      const { data: ranked, applied } = await rankSkills(src, f, limit);
      // One object literal in the contract's field order: spreading and reordering cost more than ranking.
      const data = ranked.map((r) => {
        const info = skillInfo(r.skill);
        const { skill, count, share, previousCount, growth, trend, requiredShare, preferredShare } = r;
        return { skill, name: info?.name ?? skill, category: info?.category ?? '', count, share, previousCount, growth, trend, requiredShare, preferredShare };
      });
      const meta = { ...filterMeta(f), ...applied, limit };
      return { data, meta, csv: { columns: SKILL_TREND_COLUMNS, rows: data } };
    });
    return res as never;
  });

  // Counts now and in the previous period: from the day rollup, or with a skill filter (alone)
  // from the month pair rollup over whole months; from the postings for filters neither holds.
  async function rankSkills(src: RollupSource, f: AppliedFilters, limit: number) {
    const withSkill = f.skill !== null;
    const range = withSkill ? snapToMonths(f.from, f.to) : { from: f.from, to: f.to };
    const previous = withSkill ? previousMonths(range.from, range.to) : previousRange(range.from, range.to);
    const plan = planQuery(f, withSkill ? ['skill'] : SKILL_FACETS);
    let counted: TopSkills;
    if (plan.from === 'postings') {
      // The skills filtered on are left out of the ranking: every posting counted has them.
      const tally = topSkillsTally(range, previous, limit, skillsFilteredOn(plan.q));
      counted = await tallyPostings(src.sql, { ...plan.q, ...range }, { from: previous.from, to: range.to }, tally);
    } else if (withSkill) {
      counted = await topSkillsWith(src, { ...plan.q, ...range }, f.skill!, limit, previous);
    } else {
      counted = await topSkills(src, plan.q, limit, previous);
    }
    const applied = withSkill ? { ...range, grain: 'month' } : { grain: 'day' };
    return { data: skillRanking(counted.top, counted.total, counted.previous), applied: { ...applied, countedFrom: plan.from } };
  }

  app.openapi(seriesRoute, async (c) => {
    const { interval, skills, format, ...raw } = c.req.valid('query');
    const f = filtersOf(raw);
    const plan = planQuery(f, SKILL_FACETS);
    // Week and month skill rows: as fresh as the month pass (see /skills above).
    const res = await statsAnswer(c, deps, { key: cacheKey('series', { ...f, interval, skills }), format, grain: 'month' }, async (src) => {
      const asked = skills ? [...new Set(skills.split(','))] : null;
      const { skills: chosen, rows: data } =
        plan.from === 'rollups'
          ? await skillSeries(src, plan.q, interval, asked)
          : await tallyPostings(src.sql, plan.q, plan.q, skillSeriesTally(f.from, f.to, interval, asked, skillsFilteredOn(plan.q)));
      return { data, meta: { ...filterMeta(f), interval, skills: chosen, countedFrom: plan.from }, csv: { columns: ['period', 'skill', 'count', 'share'], rows: data } };
    });
    return res as never;
  });

  return app;
}
