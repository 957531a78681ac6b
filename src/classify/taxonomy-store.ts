// The taxonomy in Postgres: one row per role, skill and alias, extras as jsonb, and a version row
// per stored state. Extras are read back as text and parsed here, so postgres.camel's key
// rewriting never touches user data (role ids, rule names).
import type { Sql, TransactionSql } from 'postgres';
import type { Taxonomy } from '../types.ts';
import { parseTaxonomyContent, taxonomyVersion, type TaxonomyContent } from './taxonomy-schema.ts';
import type { TaggerSkill, TaggerTaxonomy, TaxonomyExtras } from './taxonomy-types.ts';

// Serialises concurrent saves (two `migrate` runs, a CLI edit during a deploy).
const TAXONOMY_LOCK = 7_312_009_502;

/** Writes a taxonomy into Postgres (roles, skills, aliases, a version row); idempotent. */
export async function saveTaxonomy(sql: Sql, taxonomy: Taxonomy): Promise<void> {
  const content = parseTaxonomyContent(stripVersion(taxonomy));
  const version = taxonomyVersion(content);
  await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${TAXONOMY_LOCK})`;
    const [current] = await tx`select version from taxonomy_versions order by activated_at desc, created_at desc limit 1`;
    // same version and rows that still hash to it: nothing to do (a hand-edited row gets rewritten)
    if (current?.version === version && taxonomyVersion(stripVersion(await readTaxonomy(tx))) === version) return;
    await writeRoles(tx, content);
    await writeSkills(tx, content);
    const extras: TaxonomyExtras = {
      contextRules: content.contextRules,
      genericSoftwareTitles: content.genericSoftwareTitles,
      nonSoftwareTitles: content.nonSoftwareTitles,
      industries: content.industries,
    };
    await tx`
      insert into taxonomy_versions (version, extras) values (${version}, ${JSON.stringify(extras)}::text::jsonb)
      on conflict (version) do update set extras = excluded.extras, activated_at = clock_timestamp()`;
  });
}

/** Loads the current taxonomy from Postgres (empty, version "", when none is stored). */
export async function loadTaxonomy(sql: Sql): Promise<TaggerTaxonomy> {
  return readTaxonomy(sql);
}

async function readTaxonomy(sql: Sql | TransactionSql): Promise<TaggerTaxonomy> {
  const [head] = await sql`select version, extras::text as extras from taxonomy_versions order by activated_at desc, created_at desc limit 1`;
  if (!head) return { version: '', roles: [], skills: [] };
  const roles = await sql`select id, name, description, extras::text as extras from taxonomy_roles order by position, id`;
  const skills = await sql`select id, name, category, extras::text as extras from taxonomy_skills order by position, id`;
  const aliases = await sql`select skill_id, alias, kind from taxonomy_aliases order by skill_id, kind, position`;
  const byKind = new Map<string, { plain: string[]; exact: string[]; context: string[] }>();
  for (const a of aliases) {
    const entry = byKind.get(a.skillId) ?? { plain: [], exact: [], context: [] };
    entry[a.kind as 'plain' | 'exact' | 'context'].push(a.alias);
    byKind.set(a.skillId, entry);
  }
  const content = parseTaxonomyContent({
    ...dropUndefined(JSON.parse(head.extras) as TaxonomyExtras),
    roles: roles.map((r) => ({ id: r.id, name: r.name, description: r.description, ...JSON.parse(r.extras) })),
    skills: skills.map((s) => {
      const a = byKind.get(s.id);
      return dropUndefined({
        id: s.id,
        name: s.name,
        category: s.category,
        aliases: a?.plain ?? [],
        ...(a?.exact.length ? { exactAliases: a.exact } : {}),
        ...(a?.context.length ? { contextAliases: a.context } : {}),
        ...JSON.parse(s.extras),
      });
    }),
  });
  return { ...content, version: head.version };
}

async function writeRoles(tx: TransactionSql, content: TaxonomyContent): Promise<void> {
  const ids = content.roles.map((r) => r.id);
  await tx`delete from taxonomy_roles where id <> all(${ids}::text[])`;
  await tx`
    insert into taxonomy_roles (id, position, name, description, extras)
    select id, position, name, description, extras::jsonb
    from unnest(${ids}::text[], ${content.roles.map((_, i) => i)}::int[], ${content.roles.map((r) => r.name)}::text[],
                ${content.roles.map((r) => r.description)}::text[],
                ${content.roles.map((r) => JSON.stringify(dropUndefined({ titles: r.titles, cues: r.cues })))}::text[])
      as t(id, position, name, description, extras)
    on conflict (id) do update set position = excluded.position, name = excluded.name,
      description = excluded.description, extras = excluded.extras`;
}

async function writeSkills(tx: TransactionSql, content: TaxonomyContent): Promise<void> {
  const ids = content.skills.map((s) => s.id);
  await tx`delete from taxonomy_skills where id <> all(${ids}::text[])`;
  await tx`
    insert into taxonomy_skills (id, position, name, category, extras)
    select id, position, name, category, extras::jsonb
    from unnest(${ids}::text[], ${content.skills.map((_, i) => i)}::int[], ${content.skills.map((s) => s.name)}::text[],
                ${content.skills.map((s) => s.category)}::text[], ${content.skills.map((s) => JSON.stringify(skillExtras(s)))}::text[])
      as t(id, position, name, category, extras)
    on conflict (id) do update set position = excluded.position, name = excluded.name,
      category = excluded.category, extras = excluded.extras`;
  const rows = content.skills.flatMap((s) => [
    ...s.aliases.map((alias, i) => [s.id, alias, 'plain', i] as const),
    ...(s.exactAliases ?? []).map((alias, i) => [s.id, alias, 'exact', i] as const),
    ...(s.contextAliases ?? []).map((alias, i) => [s.id, alias, 'context', i] as const),
  ]);
  await tx`delete from taxonomy_aliases`;
  await tx`
    insert into taxonomy_aliases (skill_id, alias, kind, position)
    select * from unnest(${rows.map((r) => r[0])}::text[], ${rows.map((r) => r[1])}::text[],
                         ${rows.map((r) => r[2])}::text[], ${rows.map((r) => r[3])}::int[])
    on conflict do nothing`;
}

function skillExtras(s: TaggerSkill): Record<string, unknown> {
  return dropUndefined({ rule: s.rule, roles: s.roles, implies: s.implies });
}

function stripVersion<T extends Taxonomy>(taxonomy: T): Omit<T, 'version'> {
  const { version: _version, ...content } = taxonomy;
  return content;
}

function dropUndefined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
