import { describe, expect, it } from 'vitest';
import { headedHtml } from '../../../src/ingest/feeds/job-posting.ts';

// The section heading Lever, Personio, SmartRecruiters and NEOGOV feeds give as plain text.

describe('headedHtml', () => {
  it('puts a heading over its section as an <h3>, its text escaped', () => {
    expect(headedHtml('Pay & <benefits>', '<p>ok</p>')).toBe('<h3>Pay &amp; &lt;benefits&gt;</h3>\n<p>ok</p>');
  });

  it('keeps a section without a heading as it is, and drops a heading without a section', () => {
    expect(headedHtml(null, '<p>ok</p>')).toBe('<p>ok</p>');
    expect(headedHtml('Duties', null)).toBeNull();
  });
});
