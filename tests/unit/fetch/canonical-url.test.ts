import { describe, expect, it } from 'vitest';
import { InvalidUrlError, canonicalizeUrl, isTrackingParam } from '../../../src/ingest/canonical-url.ts';

describe('canonicalizeUrl', () => {
  it.each([
    // scheme and host case, default ports
    ['HTTPS://Boards.Example.COM/acme/jobs/42', 'https://boards.example.com/acme/jobs/42'],
    ['https://jobs.example.com:443/a', 'https://jobs.example.com/a'],
    ['http://jobs.example.com:80/a', 'http://jobs.example.com/a'],
    ['http://jobs.example.com:8080/a', 'http://jobs.example.com:8080/a'],
    // fragments, credentials, trailing dot on the host
    ['https://jobs.example.com/a#apply', 'https://jobs.example.com/a'],
    ['https://user:secret@jobs.example.com/a', 'https://jobs.example.com/a'],
    ['https://jobs.example.com./a', 'https://jobs.example.com/a'],
    // trailing slash removed except at the root
    ['https://jobs.example.com/careers/', 'https://jobs.example.com/careers'],
    ['https://jobs.example.com/', 'https://jobs.example.com/'],
    ['https://jobs.example.com', 'https://jobs.example.com/'],
    // tracking parameters dropped, job identifiers kept, the rest sorted
    ['https://boards.example.com/acme/jobs/42?gh_jid=42&gh_src=abc123&utm_source=linkedin', 'https://boards.example.com/acme/jobs/42?gh_jid=42'],
    ['https://acme.example/careers?utm_medium=social&utm_campaign=spring&jobId=7', 'https://acme.example/careers?jobId=7'],
    ['https://acme.example/job?id=9&fbclid=IwAR0xyz&gclid=Cj0K&msclkid=abc', 'https://acme.example/job?id=9'],
    ['https://acme.example/job?mc_cid=1&mc_eid=2&ref=newsletter&source=linkedin&trk=public_jobs', 'https://acme.example/job'],
    ['https://acme.example/job?UTM_Source=x&Id=3', 'https://acme.example/job?Id=3'],
    ['https://jobs.example.org/posting/5?lever-source=LinkedIn&lever-origin=applied', 'https://jobs.example.org/posting/5'],
    ['https://acme.example/search?q=rust&location=berlin&page=2', 'https://acme.example/search?location=berlin&page=2&q=rust'],
    ['https://acme.example/search?b=2&a=2&a=1', 'https://acme.example/search?a=1&a=2&b=2'],
    ['https://acme.example/view?12345', 'https://acme.example/view?12345'],
    ['https://acme.example/job?', 'https://acme.example/job'],
    ['https://acme.example/job??x=1', 'https://acme.example/job??x=1'], // found by fast-check
    ['https://acme.example/job?utm_source=x', 'https://acme.example/job'],
    // IDN to punycode, percent-escape normalisation, dot segments
    ['https://Bücher-Jobs.example/stellen', 'https://xn--bcher-jobs-9db.example/stellen'],
    ['https://acme.example/%7Eteam/a%2fb', 'https://acme.example/~team/a%2Fb'],
    ['https://acme.example/a/./b/../c', 'https://acme.example/a/c'],
  ])('%s -> %s', (input, expected) => {
    expect(canonicalizeUrl(input)).toBe(expected);
  });

  it('gives the same URL for two spellings of one posting', () => {
    const a = canonicalizeUrl('https://Jobs.Example.com/acme/42/?utm_source=twitter&gh_jid=42#top');
    const b = canonicalizeUrl('https://jobs.example.com:443/acme/42?gh_jid=42&fbclid=x');
    expect(a).toBe(b);
  });

  it('is idempotent', () => {
    const once = canonicalizeUrl('https://ACME.example/a/?z=1&utm_term=x&a=%7E');
    expect(canonicalizeUrl(once)).toBe(once);
  });

  it.each(['not a url', '/relative/path', 'ftp://files.example.com/job.txt', 'javascript:alert(1)', 'mailto:jobs@example.com', 'file:///etc/passwd', ''])(
    'rejects %j with a clear error',
    (input) => {
      expect(() => canonicalizeUrl(input)).toThrow(InvalidUrlError);
    },
  );

  it('names the scheme it refuses', () => {
    expect(() => canonicalizeUrl('ftp://files.example.com/')).toThrow(/only http and https.*ftp:/);
  });
});

describe('isTrackingParam', () => {
  it.each(['utm_source', 'utm_whatever', 'gclid', 'fbclid', 'mc_cid', 'ref', 'source', 'gh_src', '_hsenc'])('%s is a tracker', (name) => {
    expect(isTrackingParam(name)).toBe(true);
  });
  it.each(['gh_jid', 'jobId', 'id', 'job', 'q', 'page', 'location', 'vjk', 'reference'])('%s is kept', (name) => {
    expect(isTrackingParam(name)).toBe(false);
  });
});
