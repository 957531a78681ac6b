import { describe, expect, it } from 'vitest';
import { copyLine } from '../../../src/stats/copy-text.ts';
import { toCsv } from '../../../src/stats/csv.ts';
import { StampedLru } from '../../../src/stats/stamped-lru.ts';
import { growthOf, skillRanking, trendOf } from '../../../src/stats/skill-ranking.ts';

describe('toCsv', () => {
  it('writes a header and quotes what needs quoting', () => {
    expect(toCsv(['a', 'b'], [{ a: 'x,y', b: 'say "hi"' }, { a: null, b: 2 }])).toBe('a,b\r\n"x,y","say ""hi"""\r\n,2\r\n');
  });
  it('neutralises spreadsheet formulas but not negative numbers', () => {
    expect(toCsv(['a'], [{ a: '=cmd()' }, { a: -0.5 }])).toBe("a\r\n'=cmd()\r\n-0.5\r\n");
  });
});

describe('copyLine', () => {
  it('escapes fields and arrays for COPY text', () => {
    expect(copyLine(['a\tb', null, true, 3, ['x', 'y"z'], [1, 2]])).toBe('a\\tb\t\\N\tt\t3\t{"x","y\\\\"z"}\t{1,2}\n');
  });
});

describe('StampedLru', () => {
  it('misses once the stamp moves and evicts the least recently used', () => {
    const c = new StampedLru<{ body: string; etag: string }>(2);
    c.set('a', 'v1', { body: 'A', etag: '"a"' });
    expect(c.get('a', 'v1')?.body).toBe('A');
    expect(c.get('a', 'v2')).toBeUndefined();
    c.set('b', 'v1', { body: 'B', etag: '"b"' });
    c.get('a', 'v1');
    c.set('c', 'v1', { body: 'C', etag: '"c"' });
    expect(c.get('b', 'v1')).toBeUndefined();
    expect(c.get('a', 'v1')?.body).toBe('A');
  });

  it('evicts by weight, oldest first, passing once over entries read since they were stored', () => {
    const c = new StampedLru<string>(10, (v) => v.length);
    c.set('a', null, 'aaaa');
    c.set('b', null, 'bbbb');
    c.set('b', null, 'bb'); // replaces: its weight goes back, 6 in all
    c.set('c', null, 'cccc'); // 10: fits
    expect(c.size).toBe(3);
    c.get('a', null);
    c.set('d', null, 'dd'); // 12 > 10: a was read, so b (the next oldest) goes instead
    expect([c.get('a', null), c.get('b', null), c.get('c', null), c.get('d', null)]).toEqual(['aaaa', undefined, 'cccc', 'dd']);
    c.set('e', null, 'eeeeeeeeeee'); // heavier than the whole capacity: nothing of it can stay
    expect(c.get('e', null)).toBeUndefined();
  });
});

describe('skill ranking', () => {
  it('applies the growth and trend rules of the contract', () => {
    expect(growthOf(6, 5)).toBe(0.2);
    expect(trendOf(6, 5)).toBe('rising');
    expect(trendOf(4, 0)).toBe('steady');
    expect(trendOf(4, 5)).toBe('falling');
    expect(trendOf(0, 4)).toBe('steady');
    expect(skillRanking([{ skill: 'x', count: 4, required: 3, preferred: 1 }], 8, new Map([['x', 2]]))).toEqual([
      { skill: 'x', count: 4, share: 0.5, previousCount: 2, growth: 1, trend: 'steady', requiredShare: 0.75, preferredShare: 0.25 },
    ]);
  });
});
