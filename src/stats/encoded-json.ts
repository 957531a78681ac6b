import { createHash } from 'node:crypto';

// JSON already serialised, held as UTF-8 bytes with their SHA-1: an answer splices the bytes in
// as they are and derives its ETag from the digest. A skill-grouped salary answer is ~250 KB:
// encoding and hashing it on every request was most of that request's cost.

export class EncodedJson {
  /** SHA-1 of the bytes, base64url */
  readonly digest: string;

  constructor(readonly bytes: Uint8Array<ArrayBuffer>) {
    this.digest = createHash('sha1').update(bytes).digest('base64url');
  }

  static of(text: string): EncodedJson {
    return new EncodedJson(new TextEncoder().encode(text));
  }

  text(): string {
    return new TextDecoder().decode(this.bytes);
  }
}
