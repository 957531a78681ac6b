import { describe, expect, it } from 'vitest';
import { analyzeHtml, analyzeText } from '../../../src/analyze.ts';
import { loadDefaultTaxonomy } from '../../../src/classify/index.ts';

// NUL characters cannot be stored by Postgres; they are dropped before parsing, so the stored
// text and every mention offset agree.
describe('analysis input', () => {
  const taxonomy = loadDefaultTaxonomy();

  it('drops NUL characters from pasted text and title, offsets still exact', () => {
    const { parsed, analysis } = analyzeText('We use Py\u0000thon\u0000 and Django every day.', { title: 'Backend\u0000 Engineer' }, taxonomy);
    expect(JSON.stringify(analysis)).not.toContain('\\u0000');
    expect(parsed.description).not.toContain('\u0000');
    expect(analysis.title).toBe('Backend Engineer');
    const python = analysis.skills.find((s) => s.skill === 'python')!;
    expect(parsed.description.slice(python.mentions[0]!.start, python.mentions[0]!.end)).toBe('Python');
  });

  it('drops NUL characters from HTML pages', () => {
    const { analysis } = analyzeHtml('<html><head><title>Data\u0000 Engineer</title></head><body><main><h1>Data\u0000 Engineer</h1><p>Pipelines in Python and SQL.</p></main></body></html>', {}, taxonomy);
    expect(JSON.stringify(analysis)).not.toContain('\\u0000');
  });
});
