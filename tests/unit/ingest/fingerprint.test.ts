import { describe, expect, it } from 'vitest';
import { companyKey, dedupKey, hammingDistance, simhash, simhashBands } from '../../../src/ingest/fingerprint.ts';

const TEXT = `We are looking for a backend engineer to build and operate the payment APIs that thousands of
merchants depend on every day. You will design REST endpoints, own their reliability, write tests,
and work closely with product and support to ship features that matter to our customers.
Our stack is Python, FastAPI and PostgreSQL on AWS, deployed with Docker and GitHub Actions several
times a day. We care about observability: every service exports metrics and structured logs, and
on-call is shared fairly across the team with a follow-the-sun rotation between Lisbon and Berlin.
In your first month you will pair with a senior engineer on the settlement service, learn how money
moves between banks and merchants, and ship your first change to production. By your third month
you will own a part of the reconciliation pipeline, propose improvements to its data model, and
mentor a new joiner. We offer a salary between sixty and seventy-five thousand euros, a learning
budget, four weeks of remote work from anywhere each year, and a team that reviews code kindly.
Please apply with a CV and a short note about a system you built and what you would do differently.`;

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

  it('simhash keeps a repost with a small edit within the 3 bits the database links, and other texts far apart', () => {
    const a = simhash(TEXT)!;
    const reposted = simhash(TEXT.replace('every day', 'daily'))!;
    const other = simhash('Registered nurse for our night shift on the cardiology ward; patient care, medication rounds and handover notes for the morning team.')!;
    expect(hammingDistance(a, a)).toBe(0);
    expect(hammingDistance(a, reposted)).toBeLessThanOrEqual(3);
    expect(hammingDistance(a, other)).toBeGreaterThan(16);
    expect(simhash('too short')).toBeNull();
  });

  it('simhashes within 3 bits share a band; bands are tagged by position', () => {
    const a = simhash(TEXT)!;
    const near = BigInt.asIntN(64, a ^ (1n << 3n) ^ (1n << 20n) ^ (1n << 63n));
    const shared = simhashBands(a).filter((b) => simhashBands(near).includes(b));
    expect(shared).toHaveLength(1);
    expect(simhashBands(a).map((b) => Math.floor(b / 65_536))).toEqual([0, 1, 2, 3]);
  });

  it('simhash fits a signed 64-bit Postgres bigint', () => {
    const h = simhash(TEXT)!;
    expect(h).toBeGreaterThanOrEqual(-(2n ** 63n));
    expect(h).toBeLessThan(2n ** 63n);
  });
});
