import { describe, expect, it } from 'vitest';
import { companyKey, dedupKey, hammingDistance, simhash } from '../../../src/ingest/fingerprint.ts';

const TEXT = `We are looking for a backend engineer to build and operate the payment APIs that thousands of
merchants depend on every day. You will design REST endpoints, own their reliability, write tests,
and work closely with product and support to ship features that matter to our customers.`;

describe('fingerprints', () => {
  it('companyKey ignores case, punctuation and legal suffixes', () => {
    expect(companyKey('Acme, Inc.')).toBe('acme');
    expect(companyKey('ACME inc')).toBe('acme');
    expect(companyKey('Müller GmbH')).toBe('muller');
    expect(companyKey('  ')).toBeNull();
  });

  it('dedupKey joins normalised title, company and city, and needs title and company', () => {
    const loc = { raw: 'Berlin, Germany', city: 'Berlin', region: null, country: 'DE' };
    expect(dedupKey({ title: 'Senior Python Engineer (m/w/d)', company: 'Acme GmbH', location: loc })).toBe('senior python engineer m w d|acme|berlin');
    expect(dedupKey({ title: 'Senior Python Engineer', company: null, location: loc })).toBeNull();
  });

  it('simhash keeps near-identical texts close and different texts far apart', () => {
    const a = simhash(TEXT)!;
    const reposted = simhash(TEXT.replace('thousands of', 'many thousands of').replace('every day', 'daily'))!;
    const other = simhash('Registered nurse for our night shift on the cardiology ward; patient care, medication rounds and handover notes for the morning team.')!;
    expect(hammingDistance(a, a)).toBe(0);
    expect(hammingDistance(a, reposted)).toBeLessThanOrEqual(10);
    expect(hammingDistance(a, other)).toBeGreaterThan(16);
    expect(simhash('too short')).toBeNull();
  });

  it('simhash fits a signed 64-bit Postgres bigint', () => {
    const h = simhash(TEXT)!;
    expect(h).toBeGreaterThanOrEqual(-(2n ** 63n));
    expect(h).toBeLessThan(2n ** 63n);
  });
});
