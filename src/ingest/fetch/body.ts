import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { FetchError } from './errors.ts';

// Reads a response body with two caps: bytes on the wire and bytes after decompression, so a
// small gzip/deflate/br bomb cannot expand into memory. Streams are destroyed at the cap.

export interface ReadBodyOptions {
  /** the Content-Encoding header, e.g. "gzip" or "gzip, br" */
  contentEncoding: string | null;
  maxBytes: number;
  /** stop quietly at the cap instead of failing (robots.txt: the RFC says parse the first 500 KiB) */
  truncate?: boolean;
  url: string;
}

/** Collects the (decompressed) body into one Buffer, failing with `too-large` past maxBytes. */
export async function readBody(source: Readable, o: ReadBodyOptions): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  // pipeline() reports a generic AbortError when the sink throws, so keep our own error.
  let limitError: FetchError | undefined;
  // The wire limit stops a huge plain body; the sink's limit stops a small body that inflates.
  const decoding = decoders(o.contentEncoding, o.url);
  if (decoding.length === 0) return readPlain(source, o);
  const stages: [Readable, ...Transform[]] = [source, byteLimit(o.maxBytes, 'response body', o.url), ...decoding];
  try {
    // pipeline's typings cannot express a variable-length chain; the runtime accepts it.
    await (pipeline as (...streams: unknown[]) => Promise<void>)(...stages, async (input: AsyncIterable<Buffer>) => {
      for await (const chunk of input) {
        if (size + chunk.length > o.maxBytes) {
          chunks.push(chunk.subarray(0, o.maxBytes - size));
          size = o.maxBytes;
          limitError = tooLarge(stages.length > 2 ? 'decompressed body' : 'response body', o.maxBytes, o.url);
          throw limitError;
        }
        chunks.push(chunk);
        size += chunk.length;
      }
    });
  } catch (caught) {
    const err = limitError ?? caught;
    if (o.truncate && err instanceof FetchError && err.code === 'too-large') return Buffer.concat(chunks, size);
    throw err;
  }
  return Buffer.concat(chunks, size);
}

// The common case, no compression: a plain loop, since pipeline() costs a controller and an
// abort (with its DOMException) per body, about 10% of a worker's fetch CPU.
async function readPlain(source: Readable, o: ReadBodyOptions): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of source as AsyncIterable<Buffer>) {
    if (size + chunk.length > o.maxBytes) {
      chunks.push(chunk.subarray(0, o.maxBytes - size));
      size = o.maxBytes;
      source.on('error', () => undefined);
      source.destroy();
      if (o.truncate) break;
      throw tooLarge('response body', o.maxBytes, o.url);
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(chunks, size);
}

function tooLarge(what: string, maxBytes: number, url: string): FetchError {
  return new FetchError('too-large', `${what} of ${url} exceeds ${maxBytes} bytes`, { url });
}

function byteLimit(maxBytes: number, what: string, url: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, callback) {
      seen += chunk.length;
      if (seen > maxBytes) callback(tooLarge(what, maxBytes, url));
      else callback(null, chunk);
    },
  });
}

// Encodings are listed in the order they were applied, so they are undone in reverse.
function decoders(contentEncoding: string | null, url: string): Transform[] {
  if (!contentEncoding) return [];
  const codings = contentEncoding
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== 'identity');
  return codings.reverse().map((coding) => {
    switch (coding) {
      case 'gzip':
      case 'x-gzip':
        return zlib.createGunzip();
      case 'deflate':
        // createUnzip accepts zlib-wrapped deflate (what the RFC means) and gzip; raw deflate is not supported.
        return zlib.createUnzip();
      case 'br':
        return zlib.createBrotliDecompress();
      default:
        throw new FetchError('content-type', `unsupported Content-Encoding "${coding}" from ${url}`, { url });
    }
  });
}

/**
 * Unpacks a body that is itself a gzip file (a sitemap.xml.gz), capped at maxBytes. Servers that
 * also set Content-Encoding: gzip have had that layer removed already, so check the magic bytes.
 */
export function unpackGzipFile(bytes: Buffer, maxBytes: number, url: string): Buffer {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    return zlib.gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge('unpacked gzip file', maxBytes, url);
    throw new FetchError('content-type', `${url} is not a readable gzip file: ${(err as Error).message}`, { url, cause: err });
  }
}
