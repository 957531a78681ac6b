// Shared domain types. A posting moves parse -> classify -> analysis; each stage is a pure
// function over these shapes, and the analysis shape is a public contract (PRODUCT.md).

export type Workplace = 'remote' | 'hybrid' | 'onsite';
export type SalaryPeriod = 'hour' | 'day' | 'week' | 'month' | 'year';
export type Requirement = 'required' | 'preferred' | 'mentioned';
export type Seniority = 'intern' | 'junior' | 'mid' | 'senior' | 'lead' | 'principal';
export type StructuredDataSource = 'json-ld' | 'microdata' | 'rdfa' | 'html' | 'text';
/**
 * Where one field's value came from: a markup form (StructuredDataSource), OpenGraph/meta tags
 * ('meta'), a hiring system's page shape or app state ('hiring-system'), plain HTML ('html'), or
 * the description text ('text': salary or workplace read from prose, pasted text).
 */
export type FieldOrigin = StructuredDataSource | 'meta' | 'hiring-system';
/** The analysis fields the parser extracts and reports the origin of. */
export type ExtractedField = 'title' | 'company' | 'location' | 'workplace' | 'employmentType' | 'datePosted'
  | 'validThrough' | 'salary' | 'description';
/** Field -> where its value came from; fields not found are absent. */
export type FieldOrigins = Partial<Record<ExtractedField, FieldOrigin>>;
export type SectionKind = 'responsibilities' | 'requirements' | 'preferred' | 'benefits' | 'company' | 'other';

export interface Location {
  raw: string;
  city: string | null;
  region: string | null;
  /** ISO 3166-1 alpha-2, upper case */
  country: string | null;
}

export interface Salary {
  min: number | null;
  max: number | null;
  /** ISO 4217; null when the page does not say (never guessed) */
  currency: string | null;
  period: SalaryPeriod | null;
  annualMin: number | null;
  annualMax: number | null;
}

/** A span of ParsedPosting.description that belongs to one kind of section. */
export interface Section {
  kind: SectionKind;
  heading: string | null;
  start: number;
  end: number;
}

export interface StructuredDataIssue {
  /** the schema.org JobPosting property, e.g. "datePosted" or "baseSalary.currency" */
  property: string;
  severity: 'error' | 'warning';
  message: string;
}

export interface StructuredDataReport {
  /** where the fields mostly came from */
  source: StructuredDataSource;
  /**
   * Field by field, where the merged value came from. Always set by the parser; optional because
   * reports built elsewhere (feed items, stored analyses from before it existed) may lack it.
   */
  fields?: FieldOrigins;
  /** Google's required (error) and recommended (warning) JobPosting properties missing or invalid */
  issues: StructuredDataIssue[];
}

/** What the parser reads off one page (or pasted text). Offsets in sections refer to description. */
export interface ParsedPosting {
  url: string | null;
  title: string | null;
  company: string | null;
  /** clean text: paragraphs separated by blank lines, list items on their own lines */
  description: string;
  sections: Section[];
  /** the first of locations, or null */
  location: Location | null;
  locations: Location[];
  workplace: Workplace | null;
  employmentType: string | null;
  /** ISO dates (YYYY-MM-DD) */
  datePosted: string | null;
  validThrough: string | null;
  salary: Salary | null;
  structuredData: StructuredDataReport;
}

export interface Mention {
  start: number;
  end: number;
  text: string;
}

export interface SkillTag {
  skill: string;
  name: string;
  category: string;
  requirement: Requirement;
  negated: boolean;
  mentions: Mention[];
}

export interface RoleTag {
  role: string;
  score: number;
  evidence: string[];
}

/** What the tagger adds to a parsed posting. */
export interface Classification {
  roles: RoleTag[];
  skills: SkillTag[];
  seniority: Seniority | null;
  industries: string[];
  taxonomyVersion: string;
}

/** One posting's analysis: the shape every interface returns (PRODUCT.md). */
export interface PostingAnalysis {
  url: string | null;
  title: string | null;
  company: string | null;
  location: Location | null;
  workplace: Workplace | null;
  employmentType: string | null;
  datePosted: string | null;
  validThrough: string | null;
  salary: Salary | null;
  seniority: Seniority | null;
  industries: string[];
  roles: RoleTag[];
  skills: SkillTag[];
  structuredData: StructuredDataReport;
  taxonomyVersion: string;
}

export interface TaxonomyRole {
  id: string;
  name: string;
  description: string;
}

export interface TaxonomySkill {
  id: string;
  name: string;
  category: string;
  aliases: string[];
}

/** Roles and skills the tagger knows. `version` is a content hash: every analysis records it. */
export interface Taxonomy {
  version: string;
  roles: TaxonomyRole[];
  skills: TaxonomySkill[];
}
