import { describe, expect, it } from 'vitest';
import { htmlStringToBlocks, htmlToBlocks, placeBlocks, textToBlocks } from '../../../src/ingest/parse/blocks.ts';
import { parseHtml } from '../../../src/ingest/parse/dom.ts';

const text = (html: string) => placeBlocks(htmlStringToBlocks(html)).text;
const viaDom = (html: string) => placeBlocks(htmlToBlocks(parseHtml(html), { dropNoise: false })).text;

describe('htmlStringToBlocks (description snippets without a DOM)', () => {
  it.each([
    ['paragraphs and lists', '<p>Intro</p><h3>Requirements</h3><ul><li>Python</li><li>SQL</li></ul><p>Outro</p>'],
    ['unclosed list items and paragraphs', '<p>One<p>Two<ul><li>a<li>b</ul><p>Three'],
    ['line breaks', '<p>Line one<br>Line two<br/>Line three</p>'],
    ['entities', '<p>R&amp;D &ndash; caf&eacute; &#8364;50 &#x20AC;60 &lt;tag&gt; &unknownentity;</p>'],
    ['scripts, styles and comments', '<p>Keep</p><script>var a = "</p><p>";</script><style>p{}</style><!-- <p>gone</p> --><p>Also</p>'],
    ['attributes holding >', '<p><a title="a > b" href="/x">Link</a> text</p>'],
    ['images and inputs', '<p>Before <img src="x.png"> after</p><p>Next <input type="text"> end</p>'],
    ['bold headings and hand bullets', '<p><strong>Nice to have:</strong></p><div>- Docker</div><div>- Kubernetes</div>'],
    ['tables', '<table><tr><td>Salary</td><td>$100k</td></tr><tr><td>Type</td><td>Full-time</td></tr></table>'],
    ['definition lists', '<dl><dt>Location</dt><dd>Berlin</dd><dt>Type</dt><dd>Contract</dd></dl>'],
  ])('%s match the DOM walk', (_name, html) => expect(text(html)).toBe(viaDom(html)));

  it('keeps the structure the tagger needs', () => {
    expect(text('<p>Intro</p><h3>Requirements</h3><ul><li>Python</li><li>SQL</li></ul>')).toBe('Intro\n\nRequirements\n\nPython\nSQL');
    expect(text('<p>R&amp;D &ndash; caf&eacute; &#8364;50</p>')).toBe('R&D – café €50');
    expect(text('<p>&lt;p&gt; is a tag &foo;</p>')).toBe('<p> is a tag &foo;');
  });

  it('survives unterminated markup', () => {
    expect(text('<p>Open <b>bold <script>never closed')).toBe('Open bold');
    expect(text('<p>Text <!-- unterminated comment')).toBe('Text');
    expect(text('a < b and c > d')).toBe('a < b and c > d');
  });
});

describe('textToBlocks', () => {
  it('turns bullets into items and short label lines into headings', () => {
    expect(placeBlocks(textToBlocks('Intro line\n\nRequirements:\n- Go\n- SQL\n\n1. First\n2. Second')).text)
      .toBe('Intro line\n\nRequirements:\nGo\nSQL\n\nFirst\nSecond');
  });
});

describe('parsePage', () => {
  it('empties scripts, styles, SVGs and comments but keeps JSON-LD and app state', async () => {
    const { parsePage, rawText } = await import('../../../src/ingest/parse/dom.ts');
    const big = 'x'.repeat(300);
    const html = `<html><head><script>var a="${big}</div>";</script><style>.a{}${big}</style>`
      + `<script type="application/ld+json">{"@type":"JobPosting","pad":"${big}"}</script>`
      + `<script>window.__appData = {"pad":"${big}"}</script></head>`
      + `<body><!-- <p>hidden ${big}</p> --><svg><path d="${big}"/></svg><p>Visible</p></body></html>`;
    const text = rawText(parsePage(html));
    expect(text).toContain('"@type":"JobPosting"');
    expect(text).toContain('__appData');
    expect(text).toContain('Visible');
    expect(text).not.toContain('var a=');
    expect(text).not.toContain('hidden');
    expect(text).not.toContain('.a{}');
  });
});

describe('collapse', () => {
  it('equals replacing every whitespace run by one space and trimming', async () => {
    const fc = (await import('fast-check')).default;
    const { collapse } = await import('../../../src/ingest/parse/dom.ts');
    const ws = fc.constantFrom(' ', '  ', '\n', '\t', '\u00a0', '\u2009', '\u3000', 'a', 'b', 'é', '\u0001');
    fc.assert(fc.property(fc.array(ws, { maxLength: 30 }).map((a) => a.join('')), (s) => {
      expect(collapse(s)).toBe(s.replace(/\s+/g, ' ').trim());
    }), { numRuns: 500 });
  });
});
