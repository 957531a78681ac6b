// Builds ParsedPostings by hand for tagger tests, so they do not depend on the parser.
import type { ParsedPosting, Section } from '../../../src/types.ts';

/** A parsed posting with just a title and description (and optional sections). */
export function posting(title: string | null, description: string, sections: Section[] = []): ParsedPosting {
  return {
    url: null, title, company: null, description, sections, location: null, locations: [], workplace: null,
    employmentType: null, datePosted: null, validThrough: null, salary: null, structuredData: { source: 'text', issues: [] },
  };
}
