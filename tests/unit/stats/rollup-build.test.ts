import { describe, expect, it } from 'vitest';
import { buildPairRollups, buildRoleRollups, buildSalaryRollups, buildSkillDays, sumSkillWeek, weekOf } from '../../../src/stats/rollup-build.ts';
import type { CompactPosting } from '../../../src/stats/rollup-build.ts';

const posting = (over: Partial<CompactPosting>): CompactPosting => ({
  day: '2026-10-05', dup: false, open: true, industries: [], company: 'acme', country: 'DE', workplace: 'remote', seniority: 'mid',
  source: 'feed', roles: ['full-stack'], skills: ['python'], requirements: ['required'], currency: null, amount: null, ...over,
});

const P = [
  posting({ roles: ['full-stack', 'api-integration'], skills: ['python', 'docker'], requirements: ['required', 'preferred'], currency: 'EUR', amount: 70_000 }),
  posting({ day: '2026-10-06', dup: true, skills: ['python'], requirements: ['mentioned'], currency: 'EUR', amount: 50_000 }),
  posting({ day: '2026-10-07', open: false, company: null, country: 'US', roles: [], skills: ['docker'], requirements: ['required'] }),
];

describe('weekOf', () => {
  it('gives the Monday of the week', () => {
    expect(['2026-10-05', '2026-10-08', '2026-10-11'].map(weekOf)).toEqual(['2026-10-05', '2026-10-05', '2026-10-05']);
    expect(weekOf('2026-10-12')).toBe('2026-10-12');
  });
});

describe('buildRoleRollups', () => {
  it('counts totals and roles per day, flags and every filter', () => {
    const rows = buildRoleRollups(P);
    const all = rows.filter((r) => r.fKind === '');
    expect(all.map((r) => [r.day, r.dup, r.open, r.total])).toEqual([['2026-10-05', false, true, 1], ['2026-10-06', true, true, 1], ['2026-10-07', false, false, 1]]);
    expect(all[0]).toMatchObject({ roles: ['full-stack', 'api-integration'], n: [1, 1] });
    const bySkill = rows.filter((r) => r.fKind === 'skill' && r.fVal === 'docker');
    expect(bySkill.map((r) => [r.day, r.total])).toEqual([['2026-10-05', 1], ['2026-10-07', 1]]);
    expect(rows.some((r) => r.fKind === 'company' && r.fVal === 'acme' && r.day === '2026-10-07')).toBe(false);
  });
});

describe('skill rollups', () => {
  it('counts required and preferred per skill, and weeks sum their days', () => {
    const days = buildSkillDays(P);
    const w = sumSkillWeek(days.filter((d) => d.fKind === ''), '2026-10-05');
    const total = new Map<string, [number, number, number]>();
    for (const r of w) r.skills.forEach((s, i) => {
      const t = total.get(s) ?? [0, 0, 0];
      total.set(s, [t[0] + r.n[i]!, t[1] + r.required[i]!, t[2] + r.preferred[i]!]);
    });
    expect(Object.fromEntries(total)).toEqual({ python: [2, 1, 0], docker: [2, 1, 1] });
    expect(days.some((d) => d.fKind === 'skill' || d.fKind === 'company')).toBe(false);
  });
});

describe('buildPairRollups', () => {
  it('counts postings having both skills, and each skill alone under skillA ""', () => {
    const rows = buildPairRollups(P);
    const py = rows.find((r) => r.skillA === 'python' && !r.dup && r.open)!;
    expect(Object.fromEntries(py.skills.map((s, i) => [s, py.n[i]]))).toEqual({ python: 1, docker: 1 });
    expect(py.preferred[py.skills.indexOf('docker')]).toBe(1);
    const own = rows.filter((r) => r.skillA === '').flatMap((r) => r.skills.map((s, i) => [s, r.n[i]]));
    expect(own.sort()).toEqual([['docker', 1], ['docker', 1], ['python', 1], ['python', 1]]);
  });
});

describe('buildSalaryRollups', () => {
  it('keeps one histogram per filter, group and currency, skill groups unfiltered only', () => {
    const rows = buildSalaryRollups(P);
    const role = rows.filter((r) => r.fKind === '' && r.gKind === 'role' && r.gVal === 'full-stack');
    expect(role.map((r) => [r.dup, r.amounts, r.counts])).toEqual([[false, [70_000], [1]], [true, [50_000], [1]]]);
    expect(rows.some((r) => r.fKind !== '' && r.gKind === 'skill')).toBe(false);
    expect(rows.every((r) => r.currency === 'EUR')).toBe(true);
  });
});
