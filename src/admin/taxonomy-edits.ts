import type { Sql } from 'postgres';
import { loadTaxonomy, parseTaxonomyContent, saveTaxonomy, withVersion } from '../classify/index.ts';
import type { TaggerRole, TaggerSkill, TaggerTaxonomy } from '../classify/index.ts';
import { InputError } from '../errors.ts';

// Users change the taxonomy without touching code: add or replace a skill (with its aliases) or
// a role, remove one, or replace the whole taxonomy. Each change is validated, stored as a new
// version, and answered with both versions so the caller can re-tag.

export type TaxonomyEdit =
  | { op: 'put-skill'; skill: TaggerSkill }
  | { op: 'remove-skill'; id: string }
  | { op: 'put-role'; role: TaggerRole }
  | { op: 'remove-role'; id: string }
  | { op: 'replace'; taxonomy: unknown };

/** Applies one edit to a taxonomy (pure); throws InputError naming what is wrong. */
export function applyTaxonomyEdit(current: TaggerTaxonomy, edit: TaxonomyEdit): TaggerTaxonomy {
  const { version: _old, ...content } = current;
  let next: unknown;
  switch (edit.op) {
    case 'put-skill':
      next = { ...content, skills: putById(content.skills, edit.skill) };
      break;
    case 'remove-skill':
      next = { ...content, skills: removeById(content.skills, edit.id, 'skill') };
      break;
    case 'put-role':
      next = { ...content, roles: putById(content.roles, edit.role) };
      break;
    case 'remove-role':
      next = { ...content, roles: removeById(content.roles, edit.id, 'role') };
      break;
    case 'replace':
      next = edit.taxonomy;
      break;
  }
  try {
    return withVersion(parseTaxonomyContent(next));
  } catch (err) {
    throw new InputError((err as Error).message);
  }
}

function putById<T extends { id: string }>(list: T[], item: T): T[] {
  const i = list.findIndex((x) => x.id === item.id);
  return i < 0 ? [...list, item] : list.map((x, j) => (j === i ? item : x));
}

function removeById<T extends { id: string }>(list: T[], id: string, what: string): T[] {
  if (!list.some((x) => x.id === id)) throw new InputError(`no ${what} with id "${id}"`);
  return list.filter((x) => x.id !== id);
}

/** Loads the stored taxonomy, applies the edit and stores the result as the current version. */
export async function changeTaxonomy(sql: Sql, edit: TaxonomyEdit): Promise<{ before: string; after: string; taxonomy: TaggerTaxonomy }> {
  const current = await loadTaxonomy(sql);
  const next = applyTaxonomyEdit(current, edit);
  await saveTaxonomy(sql, next);
  return { before: current.version, after: next.version, taxonomy: next };
}
