import { describe, expect, it } from 'vitest';
import { isAcceptableType, mediaType } from '../../../src/ingest/fetch/content-type.ts';

describe('isAcceptableType', () => {
  it.each([
    ['text/html; charset=utf-8', 'html', true],
    ['application/xhtml+xml', 'html', true],
    ['TEXT/HTML', 'html', true],
    ['application/pdf', 'html', false],
    ['image/png', 'html', false],
    ['application/json', 'html', false],
    ['application/rss+xml', 'feed', true],
    ['application/atom+xml; charset=utf-8', 'feed', true],
    ['application/feed+json', 'feed', true],
    ['application/json', 'feed', true],
    ['text/xml', 'feed', true],
    ['application/vnd.greenhouse+json', 'feed', true],
    ['text/plain', 'feed', true],
    ['text/html', 'feed', false],
    ['application/x-gzip', 'feed', true],
    ['application/gzip', 'html', false],
    ['application/octet-stream', 'feed', false],
    ['image/gif', 'any', true],
    [null, 'html', true],
  ] as const)('%s for %s -> %s', (ct, accept, expected) => {
    expect(isAcceptableType(ct, accept)).toBe(expected);
  });

  it('extracts the bare media type', () => {
    expect(mediaType('Text/HTML ; charset=UTF-8')).toBe('text/html');
    expect(mediaType('')).toBeNull();
  });
});
