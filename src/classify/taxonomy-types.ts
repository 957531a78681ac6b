// The tagger's taxonomy: the shared Taxonomy shape plus the extras that make tagging precise
// (context rules for ambiguous words, role signals, industries). Every extra is optional so a
// bare Taxonomy (e.g. one a user edited down) still tags, only less cleverly.
import type { Taxonomy, TaxonomyRole, TaxonomySkill } from '../types.ts';

/** When an ambiguous alias ("Go", "R", "Spark") counts: nearby cue words, and words that veto it. */
export interface ContextRule {
  /** lowercase tokens; one of them in the same sentence confirms the alias. Empty: case alone decides. */
  cues: string[];
  /** lowercase tokens that veto the alias when they directly follow it ("Go to") */
  blockNext: string[];
  /** lowercase tokens that veto the alias when they directly precede it ("Series C") */
  blockPrev: string[];
  /** lowercase tokens that confirm the alias when next to it ("Go experience", "with Spark"), in a posting with other tech skills */
  near?: string[];
}

export interface TaggerSkill extends TaxonomySkill {
  /** case-exact aliases that also need context (a cue or another skill in the sentence) */
  contextAliases?: string[];
  /** name of the ContextRule for contextAliases (default "generic") */
  rule?: string;
  /** case-exact aliases that need no further context ("ML", "REST") */
  exactAliases?: string[];
  /** how strongly a wanted skill points to each role slug */
  roles?: Record<string, number>;
  /** skills a match of this one keeps when its alias starts with theirs ("Azure DevOps" keeps "Azure") */
  implies?: string[];
}

export interface TaggerRole extends TaxonomyRole {
  /** title phrases that name the role ("data scientist") */
  titles?: string[];
  /** description phrases (matched on stems) that point to the role */
  cues?: string[];
}

export interface IndustryDef {
  id: string;
  name: string;
  /** phrases that alone name the industry ("fintech") */
  strong: string[];
  /** phrases that point to it; several distinct ones are needed */
  cues: string[];
}

/** The taxonomy the tagger reads; assignable to the shared Taxonomy. */
export interface TaggerTaxonomy extends Taxonomy {
  roles: TaggerRole[];
  skills: TaggerSkill[];
  contextRules?: Record<string, ContextRule>;
  /** titles of software jobs that say nothing about which role ("Software Engineer") */
  genericSoftwareTitles?: string[];
  /** titles of jobs that are not software roles; they get no role unless a role title also matches */
  nonSoftwareTitles?: string[];
  industries?: IndustryDef[];
}

/** The extras stored next to the version row (everything but roles and skills). */
export type TaxonomyExtras = Pick<TaggerTaxonomy, 'contextRules' | 'genericSoftwareTitles' | 'nonSoftwareTitles' | 'industries'>;
