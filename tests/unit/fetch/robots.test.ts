import { describe, expect, it } from 'vitest';
import { judgeRobots, robotsEntryFromResponse } from '../../../src/ingest/fetch/robots.ts';
import { robotsToken } from '../../../src/ingest/fetch/fetcher.ts';

const ROBOTS_URL = 'https://careers.example.com/robots.txt';
const BODY = [
  'User-agent: *',
  'Disallow: /internal/',
  'Allow: /internal/jobs/',
  '',
  'User-agent: RoleRadar',
  'Disallow: /search',
  'Crawl-delay: 5',
  '',
  'User-agent: BadBot',
  'Disallow: /',
].join('\n');

describe('robotsEntryFromResponse (RFC 9309)', () => {
  it.each([
    [200, 'rules'],
    [404, 'allow-all'],
    [403, 'allow-all'],
    [410, 'allow-all'],
    [429, 'unreachable'],
    [500, 'unreachable'],
    [503, 'unreachable'],
  ])('status %i -> %s', (status, kind) => {
    expect(robotsEntryFromResponse({ status, body: BODY }).kind).toBe(kind);
  });
});

describe('judgeRobots', () => {
  const rules = robotsEntryFromResponse({ status: 200, body: BODY });

  it('applies the group for our agent token, not the * group', () => {
    expect(judgeRobots(rules, ROBOTS_URL, 'https://careers.example.com/search?q=go', 'RoleRadar').allowed).toBe(false);
    expect(judgeRobots(rules, ROBOTS_URL, 'https://careers.example.com/internal/x', 'RoleRadar').allowed).toBe(true);
    expect(judgeRobots(rules, ROBOTS_URL, 'https://careers.example.com/internal/x', 'OtherBot').allowed).toBe(false);
    expect(judgeRobots(rules, ROBOTS_URL, 'https://careers.example.com/internal/jobs/1', 'OtherBot').allowed).toBe(true);
  });

  it('reports the crawl delay in ms and why a URL is refused', () => {
    const verdict = judgeRobots(rules, ROBOTS_URL, 'https://careers.example.com/search', 'RoleRadar');
    expect(verdict.crawlDelayMs).toBe(5000);
    expect(verdict.reason).toMatch(/robots\.txt \(line 6\)/);
  });

  it('allows everything when there are no rules, refuses everything (temporarily) when unreachable', () => {
    expect(judgeRobots({ kind: 'allow-all' }, ROBOTS_URL, 'https://careers.example.com/x', 'RoleRadar')).toEqual({ allowed: true, crawlDelayMs: null });
    const down = judgeRobots({ kind: 'unreachable', reason: 'robots.txt answered 503' }, ROBOTS_URL, 'https://careers.example.com/x', 'RoleRadar');
    expect(down.allowed).toBe(false);
    expect(down.temporary).toBe(true);
  });
});

describe('robotsToken', () => {
  it('takes the product token of the User-Agent', () => {
    expect(robotsToken('RoleRadar/0.1 (+https://github.com/roleradar/roleradar)')).toBe('RoleRadar');
    expect(robotsToken('RoleRadar')).toBe('RoleRadar');
  });
});
