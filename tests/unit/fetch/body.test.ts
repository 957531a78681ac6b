import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readBody } from '../../../src/ingest/fetch/body.ts';

const url = 'http://jobs.example.com/p';
const chunked = (buf: Buffer, size = 16 * 1024) => Readable.from((function* () {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
})());

describe('readBody', () => {
  const text = Buffer.from('<p>Senior Backend Engineer</p>'.repeat(100));

  it.each([
    ['gzip', zlib.gzipSync(text)],
    ['deflate', zlib.deflateSync(text)],
    ['br', zlib.brotliCompressSync(text)],
    ['identity', text],
    [null, text],
  ] as const)('decodes Content-Encoding %s', async (encoding, wire) => {
    const out = await readBody(chunked(wire), { contentEncoding: encoding, maxBytes: 1e6, url });
    expect(out.equals(text)).toBe(true);
  });

  it('undoes stacked encodings in reverse order', async () => {
    const wire = zlib.brotliCompressSync(zlib.gzipSync(text));
    const out = await readBody(chunked(wire), { contentEncoding: 'gzip, br', maxBytes: 1e6, url });
    expect(out.equals(text)).toBe(true);
  });

  it('refuses a plain body past the cap', async () => {
    await expect(readBody(chunked(Buffer.alloc(300_000, 97)), { contentEncoding: null, maxBytes: 100_000, url })).rejects.toMatchObject({
      code: 'too-large',
      retryable: false,
    });
  });

  it('stops a gzip bomb at the decompressed cap', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(50 * 1024 * 1024)); // 50 MB of zeros, about 50 KB on the wire
    expect(bomb.length).toBeLessThan(100_000);
    const before = process.memoryUsage().rss;
    await expect(readBody(chunked(bomb), { contentEncoding: 'gzip', maxBytes: 1_000_000, url })).rejects.toMatchObject({
      code: 'too-large',
      message: expect.stringContaining('decompressed body'),
    });
    expect(process.memoryUsage().rss - before).toBeLessThan(40 * 1024 * 1024);
  });

  it('stops a brotli bomb too', async () => {
    const bomb = zlib.brotliCompressSync(Buffer.alloc(20 * 1024 * 1024));
    await expect(readBody(chunked(bomb), { contentEncoding: 'br', maxBytes: 1_000_000, url })).rejects.toMatchObject({ code: 'too-large' });
  });

  it('truncates instead of failing when asked (robots.txt)', async () => {
    const out = await readBody(chunked(zlib.gzipSync(Buffer.alloc(2_000_000, 97))), { contentEncoding: 'gzip', maxBytes: 500_000, truncate: true, url });
    expect(out.length).toBeLessThanOrEqual(500_000);
    expect(out.length).toBeGreaterThan(400_000);
  });

  it('rejects an encoding it cannot decode', async () => {
    await expect(readBody(chunked(text), { contentEncoding: 'zstd', maxBytes: 1e6, url })).rejects.toMatchObject({ code: 'content-type' });
  });

  it('reports corrupt compressed data as an error', async () => {
    await expect(readBody(chunked(Buffer.from('definitely not gzip')), { contentEncoding: 'gzip', maxBytes: 1e6, url })).rejects.toThrow();
  });
});
