// The posting parser's public interface: pure functions from a page or pasted text to a
// ParsedPosting (src/types.ts). No I/O.
export { parsePosting } from './parse-posting.ts';
export type { ParseOptions } from './parse-posting.ts';
export { parseText } from './parse-text.ts';
export { fromJobPosting } from './job-posting.ts';
export type { FromJobPostingOptions } from './job-posting.ts';
export { parseSalaryText } from './salary.ts';
export { ParseError } from './errors.ts';
