import { createRoute, z } from '@hono/zod-openapi';
import { listRetagRuns } from '../../admin/retag.ts';
import { changeTaxonomy } from '../../admin/taxonomy-edits.ts';
import type { TaxonomyEdit } from '../../admin/taxonomy-edits.ts';
import type { TaggerRole, TaggerSkill } from '../../classify/index.ts';
import { enqueueRetag } from '../../queue.ts';
import type { ApiDeps } from '../deps.ts';
import { createRouter, problemResponses } from '../openapi.ts';

// Changing the taxonomy: each change stores a new version and queues the re-tagging of stored
// postings; GET /taxonomy/retag-runs shows what each re-tag changed, tag by tag.

const Id = z.string().regex(/^[a-z0-9][a-z0-9.+#-]*$/, 'lower-case letters, digits and . + # -').max(100);
const IdParams = z.object({ id: Id.openapi({ param: { name: 'id', in: 'path' } }) });
const SkillBody = z
  .object({ name: z.string().min(1).max(200), category: z.string().min(1).max(100), aliases: z.array(z.string().min(1).max(200)).max(500) })
  .passthrough()
  .openapi('TaxonomySkillInput', { description: 'a skill; further tagger fields (exactAliases, contextAliases, rule, roles, implies) are accepted' });
const RoleBody = z
  .object({ name: z.string().min(1).max(200), description: z.string().max(2000).default('') })
  .passthrough()
  .openapi('TaxonomyRoleInput', { description: 'a role; further tagger fields (titles, cues) are accepted' });
const ChangeResult = z
  .object({ data: z.object({ before: z.string(), after: z.string(), retag: z.boolean() }), meta: z.object({}) })
  .openapi('TaxonomyChange');
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const changed = { 200: json(ChangeResult, 'stored as a new version; re-tagging queued when it changed'), ...problemResponses(400, 404) };

/** PUT/DELETE /taxonomy/skills/{id}, /taxonomy/roles/{id}, PUT /taxonomy, POST /taxonomy/retag, GET /taxonomy/retag-runs. */
export function taxonomyAdminRoutes(deps: ApiDeps) {
  const app = createRouter();
  const apply = async (edit: TaxonomyEdit) => {
    const { before, after } = await changeTaxonomy(deps.sql, edit);
    const retag = before !== after;
    if (retag) await enqueueRetag(deps.retagQueue, after);
    return { data: { before, after, retag }, meta: {} };
  };

  app.openapi(createRoute({ method: 'put', path: '/skills/{id}', summary: 'Add or replace a skill', request: { params: IdParams, body: { required: true, content: { 'application/json': { schema: SkillBody } } } }, responses: changed }), async (c) =>
    c.json(await apply({ op: 'put-skill', skill: { ...c.req.valid('json'), id: c.req.valid('param').id } as TaggerSkill }), 200),
  );
  app.openapi(createRoute({ method: 'delete', path: '/skills/{id}', summary: 'Remove a skill', request: { params: IdParams }, responses: changed }), async (c) =>
    c.json(await apply({ op: 'remove-skill', id: c.req.valid('param').id }), 200),
  );
  app.openapi(createRoute({ method: 'put', path: '/roles/{id}', summary: 'Add or replace a role', request: { params: IdParams, body: { required: true, content: { 'application/json': { schema: RoleBody } } } }, responses: changed }), async (c) =>
    c.json(await apply({ op: 'put-role', role: { ...c.req.valid('json'), id: c.req.valid('param').id } as TaggerRole }), 200),
  );
  app.openapi(createRoute({ method: 'delete', path: '/roles/{id}', summary: 'Remove a role', request: { params: IdParams }, responses: changed }), async (c) =>
    c.json(await apply({ op: 'remove-role', id: c.req.valid('param').id }), 200),
  );
  app.openapi(
    createRoute({ method: 'put', path: '/', summary: 'Replace the whole taxonomy (the JSON `roleradar taxonomy export` writes)', request: { body: { required: true, content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } } }, responses: changed }),
    async (c) => c.json(await apply({ op: 'replace', taxonomy: c.req.valid('json') }), 200),
  );
  app.openapi(
    createRoute({ method: 'post', path: '/retag', summary: 'Re-tag stored postings with the current taxonomy', responses: { 202: json(z.object({ data: z.object({ version: z.string() }), meta: z.object({}) }), 'queued') } }),
    async (c) => {
      const version = deps.taxonomy().version;
      await enqueueRetag(deps.retagQueue, version);
      return c.json({ data: { version }, meta: {} }, 202);
    },
  );
  app.openapi(
    createRoute({ method: 'get', path: '/retag-runs', summary: 'Re-tag runs, newest first, with per-tag changes', responses: { 200: json(z.object({ data: z.array(z.record(z.string(), z.unknown())), meta: z.object({}) }), 'runs') } }),
    async (c) => c.json({ data: (await listRetagRuns(deps.sql)) as unknown as Array<Record<string, unknown>>, meta: {} }, 200),
  );
  return app;
}
