// The shipped taxonomy: src/classify/taxonomy/*.json, read once per process (no database needed,
// so the CLI tags offline). `roleradar migrate` seeds Postgres from the same files.
import { readFileSync } from 'node:fs';
import { packagePath } from '../package-root.ts';
import { parseTaxonomyContent, withVersion } from './taxonomy-schema.ts';
import type { TaggerTaxonomy } from './taxonomy-types.ts';

const dataDir = packagePath('src', 'classify', 'taxonomy');
let cached: TaggerTaxonomy | undefined;

/** The shipped default taxonomy, read from the data files in the repo (no database), cached. */
export function loadDefaultTaxonomy(): TaggerTaxonomy {
  cached ??= readTaxonomyFiles(dataDir);
  return cached;
}

/** Reads skills.json and roles.json from a directory into a validated, versioned taxonomy. */
export function readTaxonomyFiles(dir: string): TaggerTaxonomy {
  const read = (name: string): Record<string, unknown> => JSON.parse(readFileSync(`${dir}/${name}`, 'utf8'));
  const skills = read('skills.json');
  const roles = read('roles.json');
  return withVersion(parseTaxonomyContent({ ...roles, ...skills }));
}
