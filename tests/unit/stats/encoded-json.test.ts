import { describe, expect, it } from 'vitest';
import { jsonAnswer } from '../../../src/api/routes/stats-http.ts';
import { EncodedJson } from '../../../src/stats/encoded-json.ts';

// Answers whose data is already JSON (salary ranges): spliced in as bytes, with an ETag derived
// from the data's digest. They must be the bytes JSON.stringify gives, and the ETag must change
// exactly when the body does.

const bands = [{ group: 'data-science-ml', currency: 'EUR', n: 3, p25: 50000, p50: 60000, p75: 70000 }, { group: 'Zürich €', currency: 'CHF', n: 1, p25: null, p50: null, p75: null }];
const text = (a: { body: Uint8Array }) => new TextDecoder().decode(a.body);

describe('answers with encoded data', () => {
  it('are the body JSON.stringify gives, as for rows', () => {
    const meta = { from: '2026-10-01', refreshedAt: null };
    const encoded = jsonAnswer(EncodedJson.of(JSON.stringify(bands)), meta);
    expect(text(encoded)).toBe(JSON.stringify({ data: bands, meta }));
    expect(text(jsonAnswer(bands, meta))).toBe(text(encoded));
    expect(EncodedJson.of('[1,"é"]').text()).toBe('[1,"é"]');
  });

  it('have an ETag that moves with the data and with the meta, and only then', () => {
    const meta = { from: '2026-10-01' };
    const a = jsonAnswer(EncodedJson.of(JSON.stringify(bands)), meta);
    expect(jsonAnswer(EncodedJson.of(JSON.stringify(bands)), { ...meta }).etag).toBe(a.etag);
    expect(jsonAnswer(EncodedJson.of(JSON.stringify(bands.slice(1))), meta).etag).not.toBe(a.etag);
    expect(jsonAnswer(EncodedJson.of(JSON.stringify(bands)), { from: '2026-11-01' }).etag).not.toBe(a.etag);
    expect(a.etag).toMatch(/^"[\w-]{27}"$/);
  });
});
