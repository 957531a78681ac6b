import { describe, expect, it } from 'vitest';
import { findJobPostings } from '../../../src/ingest/parse/json-ld.ts';
import { parseLenientJson } from '../../../src/ingest/parse/lenient-json.ts';

describe('parseLenientJson', () => {
  it.each([
    ['trailing commas', '{"a": [1, 2,], "b": {"c": 1,},}', { a: [1, 2], b: { c: 1 } }],
    ['raw control characters in strings', '{"d": "line one\nline\ttwo"}', { d: 'line one\nline\ttwo' }],
    ['comments', '// cms\n{"a": 1 /* note */}', { a: 1 }],
    ['HTML comment wrapper', '<!--\n{"a": 1}\n-->', { a: 1 }],
    ['CDATA wrapper', '//<![CDATA[\n{"a": 1}\n//]]>', { a: 1 }],
    ['a stray backslash', '{"a": "C:\\_drive"}', { a: 'C:\\_drive' }],
    ['two objects back to back', '{"a": 1}{"b": 2}', [{ a: 1 }, { b: 2 }]],
    ['a trailing semicolon', '{"a": 1};', { a: 1 }],
  ])('%s', (_name, text, expected) => expect(parseLenientJson(text)).toEqual(expected));

  it('keeps // inside strings', () => expect(parseLenientJson('{"u": "https://x.example/a", }')).toEqual({ u: 'https://x.example/a' }));
  it('gives up on text that is not JSON', () => expect(parseLenientJson('{"a": "unterminated')).toBeUndefined());
});

describe('findJobPostings', () => {
  it('finds postings in @graph, arrays, nested lists and with @type arrays or IRIs', () => {
    const scripts = [
      '{"@context":"https://schema.org","@graph":[{"@type":"Organization","@id":"#org","name":"Acme"},{"@type":"JobPosting","title":"A","hiringOrganization":{"@id":"#org"}}]}',
      '[{"@type":"BreadcrumbList"},{"@type":["JobPosting"],"title":"B"}]',
      '{"@type":"ItemList","itemListElement":[{"item":{"@type":"http://schema.org/JobPosting","title":"C"}}]}',
      'not json at all {',
    ];
    const { postings, unreadable } = findJobPostings(scripts);
    expect(postings.map((p) => p.title)).toEqual(['A', 'B', 'C']);
    expect(postings[0]!.hiringOrganization).toMatchObject({ name: 'Acme' });
    expect(unreadable).toBe(1);
  });

  it('survives deeply nested JSON without overflowing', () => {
    const deep = '['.repeat(5000) + '{"@type":"JobPosting","title":"deep"}' + ']'.repeat(5000);
    expect(() => findJobPostings([deep])).not.toThrow();
  });
});
