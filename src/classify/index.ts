// The tagger's public interface: the shipped taxonomy, the pure tagger, and taxonomy storage.
export { loadDefaultTaxonomy, readTaxonomyFiles } from './default-taxonomy.ts';
export { classifyPosting } from './classify-posting.ts';
export { saveTaxonomy, loadTaxonomy } from './taxonomy-store.ts';
export { parseTaxonomyContent, taxonomyVersion, withVersion } from './taxonomy-schema.ts';
export type { TaggerTaxonomy, TaggerSkill, TaggerRole, ContextRule, IndustryDef } from './taxonomy-types.ts';
