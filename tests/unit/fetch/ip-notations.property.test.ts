import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkUrlHost, classifyAddress, createHostAllowlist } from '../../../src/ingest/fetch/address-guard.ts';
import { canonicalizeUrl } from '../../../src/ingest/canonical-url.ts';

// Property tests: whatever notation an attacker writes an internal IPv4 address in, the URL
// parser and the guard together refuse it.

const BLOCKED_RANGES: Array<[base: number, bits: number]> = [
  [0x7f000000, 8], // 127/8
  [0x0a000000, 8], // 10/8
  [0xac100000, 12], // 172.16/12
  [0xc0a80000, 16], // 192.168/16
  [0xa9fe0000, 16], // 169.254/16
  [0x64400000, 10], // 100.64/10
  [0x00000000, 8], // 0/8
];

const blockedIpv4 = fc
  .tuple(fc.constantFrom(...BLOCKED_RANGES), fc.integer({ min: 0, max: 0xffffffff }))
  .map(([[base, bits], r]) => (base | (r >>> bits)) >>> 0);

type Radix = 'dec' | 'oct' | 'hex';
const render = (n: number, radix: Radix) => (radix === 'dec' ? String(n) : radix === 'oct' ? `0${n.toString(8)}` : `0x${n.toString(16)}`);

// 1 to 4 parts; the last part holds the remaining bytes, as inet_aton and WHATWG URL allow.
function notation(ip: number, parts: 1 | 2 | 3 | 4, radices: Radix[]): string {
  const bytes = [ip >>> 24, (ip >>> 16) & 0xff, (ip >>> 8) & 0xff, ip & 0xff];
  const lead = bytes.slice(0, parts - 1);
  const rest = bytes.slice(parts - 1).reduce((acc, b) => acc * 256 + b, 0);
  return [...lead, rest].map((n, i) => render(n, radices[i] ?? 'dec')).join('.');
}

const nobody = createHostAllowlist([]);

describe('IPv4 notations', () => {
  it('every notation of an internal address is refused through the URL parser', () => {
    fc.assert(
      fc.property(
        blockedIpv4,
        fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const),
        fc.array(fc.constantFrom<Radix>('dec', 'oct', 'hex'), { minLength: 4, maxLength: 4 }),
        (ip, parts, radices) => {
          const host = new URL(`http://${notation(ip, parts, radices)}:8080/jobs`).hostname;
          expect(checkUrlHost(host, nobody).blocked).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('the IPv6-mapped form of an internal address is refused', () => {
    fc.assert(
      fc.property(blockedIpv4, (ip) => {
        const dotted = [ip >>> 24, (ip >>> 16) & 0xff, (ip >>> 8) & 0xff, ip & 0xff].join('.');
        expect(classifyAddress(`::ffff:${dotted}`).blocked).toBe(true);
        expect(checkUrlHost(new URL(`http://[::ffff:${dotted}]/`).hostname, nobody).blocked).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('canonicalizeUrl properties', () => {
  it('is idempotent on any web URL', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        const once = canonicalizeUrl(url);
        expect(canonicalizeUrl(once)).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });
});
