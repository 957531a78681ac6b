import type { Sql } from 'postgres';
import { loadTaxonomy } from '../classify/index.ts';
import type { Taxonomy } from '../types.ts';

/** The taxonomy a long-running process tags with, following the stored one. */
export interface TaxonomySource {
  current(): Taxonomy;
  /** reloads now when the stored version differs; resolves to whether it changed */
  refresh(): Promise<boolean>;
  close(): void;
}

/**
 * Loads the stored taxonomy and polls its version (one tiny query) every `pollMs`, so workers
 * and API processes pick up a user's edit within that time without a restart.
 */
export async function createTaxonomySource(sql: Sql, pollMs = 15_000): Promise<TaxonomySource> {
  let taxonomy = await loadTaxonomy(sql);
  if (taxonomy.skills.length === 0) throw new Error('the taxonomy is empty: run `roleradar migrate` first');
  const refresh = async () => {
    const [head] = await sql<{ version: string }[]>`select version from taxonomy_versions order by activated_at desc, created_at desc limit 1`;
    if (!head || head.version === taxonomy.version) return false;
    taxonomy = await loadTaxonomy(sql);
    return true;
  };
  // A failed poll keeps the taxonomy we have; the next poll tries again.
  const timer = setInterval(() => void refresh().catch(() => {}), pollMs);
  timer.unref();
  return { current: () => taxonomy, refresh, close: () => clearInterval(timer) };
}
