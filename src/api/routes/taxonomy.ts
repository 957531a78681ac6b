import { createRoute, z } from '@hono/zod-openapi';
import type { ApiDeps } from '../deps.ts';
import { createRouter } from '../openapi.ts';
import { statsAnswer } from './stats-http.ts';

const TaxonomySchema = z
  .object({
    version: z.string(),
    roles: z.array(z.object({ id: z.string(), name: z.string(), description: z.string() })),
    skills: z.array(z.object({ id: z.string(), name: z.string(), category: z.string() })),
  })
  .openapi('TaxonomySummary');

const taxonomyRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'Roles and skills the tagger knows',
  request: { query: z.object({ format: z.enum(['json', 'csv']).optional().openapi({ description: 'csv: one row per role and skill' }) }) },
  responses: {
    200: {
      description: 'the taxonomy this server tags with',
      content: { 'application/json': { schema: z.object({ data: TaxonomySchema, meta: z.object({}).passthrough() }) }, 'text/csv': { schema: z.string() } },
    },
    304: { description: 'not modified' },
  },
});

/** GET /taxonomy: roles and skills (ids, names, categories) for labels and pickers. */
export function taxonomyRoutes(deps: ApiDeps) {
  return createRouter().openapi(taxonomyRoute, async (c) => {
    const { format } = c.req.valid('query');
    const t = deps.taxonomy();
    const res = await statsAnswer(c, deps, { key: `taxonomy ${t.version}`, format }, async () => {
      const roles = t.roles.map((r) => ({ id: r.id, name: r.name, description: r.description }));
      const skills = t.skills.map((s) => ({ id: s.id, name: s.name, category: s.category }));
      const rows = [...roles.map((r) => ({ kind: 'role', ...r, category: '' })), ...skills.map((s) => ({ kind: 'skill', ...s, description: '' }))];
      return {
        data: { version: t.version, roles, skills },
        meta: { version: t.version },
        csv: { columns: ['kind', 'id', 'name', 'category', 'description'], rows },
      };
    });
    return res as never;
  });
}
