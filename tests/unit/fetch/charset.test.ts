import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { charsetFromContentType, charsetFromDocument, decodeBody, normalizeCharset } from '../../../src/ingest/fetch/charset.ts';

const page = (meta: string, text: string) => `<!doctype html><html><head>${meta}<title>Jobs</title></head><body><p>${text}</p></body></html>`;

describe('decodeBody', () => {
  it('uses the Content-Type charset', () => {
    const bytes = iconv.encode(page('', 'Softwareentwickler (m/w/d) – München'), 'windows-1252');
    expect(decodeBody(bytes, 'text/html; charset=windows-1252').text).toContain('– München');
  });

  it('decodes ISO-8859-1 labels as windows-1252, as browsers do (euro sign, curly quotes)', () => {
    const bytes = iconv.encode(page('', 'Gehalt: 60.000 € – “remote”'), 'windows-1252');
    const { text, charset } = decodeBody(bytes, 'text/html; charset=ISO-8859-1');
    expect(charset).toBe('windows-1252');
    expect(text).toContain('60.000 € – “remote”');
  });

  it('prefers the header over a contradicting <meta>', () => {
    const bytes = iconv.encode(page('<meta charset="utf-8">', 'Café'), 'latin1');
    expect(decodeBody(bytes, 'text/html; charset="iso-8859-1"').text).toContain('Café');
  });

  it('falls back to <meta charset> when the header has none', () => {
    const bytes = iconv.encode(page('<meta charset="Shift_JIS">', 'ソフトウェアエンジニア（東京）'), 'shift_jis');
    const { text, charset } = decodeBody(bytes, 'text/html');
    expect(charset).toBe('shift_jis');
    expect(text).toContain('ソフトウェアエンジニア（東京）');
  });

  it('reads the http-equiv form of <meta>', () => {
    const meta = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">';
    const bytes = iconv.encode(page(meta, 'Zürich'), 'windows-1252');
    expect(decodeBody(bytes, null).text).toContain('Zürich');
  });

  it('reads the XML declaration of a feed', () => {
    const xml = '<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><title>Stellen in Köln</title></channel></rss>';
    expect(decodeBody(iconv.encode(xml, 'latin1'), 'application/rss+xml').text).toContain('Köln');
  });

  it('lets a byte-order mark win over everything and strips it', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page('', 'naïve'), 'utf8')]);
    const { text } = decodeBody(bytes, 'text/html; charset=iso-8859-1');
    expect(text.startsWith('<!doctype')).toBe(true);
    expect(text).toContain('naïve');
  });

  it('defaults to UTF-8, and ignores a <meta> that claims UTF-16', () => {
    expect(decodeBody(Buffer.from('{"title":"Développeur"}'), 'application/json').text).toContain('Développeur');
    expect(decodeBody(Buffer.from(page('<meta charset="utf-16">', 'Ørsted')), 'text/html').text).toContain('Ørsted');
  });

  it('ignores an unknown label instead of failing', () => {
    expect(decodeBody(Buffer.from('héllo'), 'text/html; charset=x-made-up').text).toBe('héllo');
  });
});

describe('charset helpers', () => {
  it.each([
    ['text/html; charset=UTF-8', 'utf-8'],
    ['text/html;charset="Shift_JIS"', 'shift_jis'],
    ['text/html; charset=latin1', 'windows-1252'],
    ['text/html', null],
    [null, null],
  ])('charsetFromContentType(%j) = %j', (ct, expected) => {
    expect(charsetFromContentType(ct)).toBe(expected);
  });

  it('normalises aliases', () => {
    expect(normalizeCharset('x-sjis')).toBe('shift_jis');
    expect(normalizeCharset('US-ASCII')).toBe('windows-1252');
    expect(normalizeCharset('utf8')).toBe('utf-8');
    expect(normalizeCharset('')).toBeNull();
  });

  it('only looks for <meta> near the top of the document', () => {
    const late = `<html><head>${' '.repeat(5000)}<meta charset="shift_jis"></head></html>`;
    expect(charsetFromDocument(Buffer.from(late))).toBeNull();
  });
});
