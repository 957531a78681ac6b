import { describe, expect, it } from 'vitest';
import {
  buildPairRollups, buildRoleRollups, buildSalaryRollups, buildSkillDays, combosOf, comboOf, pairCombos, roleCombos, salaryCombos, skillDayCombos, weekOf,
} from '../../../src/stats/rollup-build.ts';
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
  it('counts postings, required and preferred per skill, day, flags and filter', () => {
    const days = buildSkillDays(P);
    const all = days.filter((d) => d.fKind === '');
    expect(all.map((d) => [d.period, d.dup, d.open, d.total])).toEqual([['2026-10-05', false, true, 1], ['2026-10-06', true, true, 1], ['2026-10-07', false, false, 1]]);
    expect(all[0]).toMatchObject({ skills: ['python', 'docker'], n: [1, 1], required: [1, 0], preferred: [0, 1] });
    expect(days.some((d) => d.fKind === 'skill' || d.fKind === 'company')).toBe(false);
  });
});

describe('combos', () => {
  it('counts a posting in every answer its flags allow', () => {
    expect(combosOf(false, true)).toEqual([0, 1, 2, 3]);
    expect(combosOf(true, true)).toEqual([0, 2]);
    expect(combosOf(false, false)).toEqual([0, 1]);
    expect(combosOf(true, false)).toEqual([0]);
    expect([comboOf(false, false), comboOf(true, false), comboOf(false, true), comboOf(true, true)]).toEqual([0, 1, 2, 3]);
  });

  it('sums role rows per combo', () => {
    const week = ['2026-10-05', '2026-10-06', '2026-10-07'];
    const rows = roleCombos(buildRoleRollups(P.map((p) => ({ ...p, day: '2026-10-05' }))));
    const total = (c: number) => rows.find((r) => r.fKind === '' && r.combo === c)!;
    // P: one open original, one open repost, one closed original
    expect([0, 1, 2, 3].map((c) => total(c).total)).toEqual([3, 2, 2, 1]);
    expect(Object.fromEntries(total(2).roles.map((r, i) => [r, total(2).n[i]]))).toEqual({ 'full-stack': 2, 'api-integration': 1 });
    expect(roleCombos(buildRoleRollups(P)).filter((r) => r.fKind === '' && r.combo === 0).map((r) => r.day)).toEqual(week);
  });

  it('sums skill, pair and salary rows per combo', () => {
    const oneDay = P.map((p) => ({ ...p, day: '2026-10-05' }));
    const skills = skillDayCombos(buildSkillDays(oneDay)).filter((r) => r.fKind === '');
    const counts = (c: number) => {
      const r = skills.find((x) => x.combo === c)!;
      return [r.total, Object.fromEntries(r.skills.map((s, i) => [s, [r.n[i], r.required[i], r.preferred[i]]]))];
    };
    expect(counts(0)).toEqual([3, { python: [2, 1, 0], docker: [2, 1, 1] }]);
    expect(counts(1)).toEqual([2, { python: [1, 1, 0], docker: [2, 1, 1] }]);
    expect(counts(3)).toEqual([1, { python: [1, 1, 0], docker: [1, 0, 1] }]);
    const own = pairCombos(buildPairRollups(P)).find((r) => r.skillA === '' && r.combo === 0)!;
    expect(Object.fromEntries(own.skills.map((s, i) => [s, own.n[i]]))).toEqual({ python: 2, docker: 2 });
    const sal = salaryCombos(buildSalaryRollups(P)).filter((r) => r.fKind === '' && r.gKind === 'role' && r.gVal === 'full-stack');
    expect(sal.map((r) => [r.combo, r.amounts, r.counts]).sort()).toEqual([[0, [50_000, 70_000], [1, 1]], [1, [70_000], [1]], [2, [50_000, 70_000], [1, 1]], [3, [70_000], [1]]]);
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
