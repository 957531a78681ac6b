import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCounts, addSkills, coversBytes, encodeSkills, int32Copy, slotsOf, sumVectorRows, topSlots } from '../../../src/stats/skill-vectors.ts';
import type { SkillSlots } from '../../../src/stats/skill-vectors.ts';

const slots = slotsOf(['python', 'docker', 'aws', 'django']);

// A summed vector (three planes) back as parallel arrays, skills by count then id (as answers rank them).
function decodeSkills(sum: Int32Array, s: SkillSlots) {
  const width = sum.length / 3;
  const at = topSlots(sum.subarray(0, width), s, Infinity);
  return { skills: at.map((i) => s.names[i]), n: at.map((i) => sum[i]), required: at.map((i) => sum[width + i]), preferred: at.map((i) => sum[2 * width + i]) };
}

describe('skill vectors', () => {
  it('round-trips counts through a vector, keeping only skills with postings', () => {
    const bytes = encodeSkills({ skills: ['docker', 'python'], n: [3, 5], required: [1, 4], preferred: [2, 0] }, slots);
    // only as wide as the highest slot used: docker is slot 1
    expect(bytes.byteLength).toBe(2 * 12);
    const sum = new Int32Array(3 * slots.names.length);
    addSkills(sum, int32Copy(bytes));
    expect(decodeSkills(sum, slots)).toEqual({ skills: ['python', 'docker'], n: [5, 3], required: [4, 1], preferred: [0, 2] });
    expect(() => encodeSkills({ skills: ['cobol'], n: [1], required: [0], preferred: [0] }, slots)).toThrow(/cobol/);
    expect([coversBytes(slots, 48), coversBytes(slots, 60)]).toEqual([true, false]);
  });

  it('sums like adding counts skill by skill, whatever the widths and byte offsets', () => {
    const counts = fc.dictionary(fc.constantFrom(...slots.names), fc.nat(50), { maxKeys: 4 });
    fc.assert(
      fc.property(fc.array(counts, { maxLength: 6 }), (rows) => {
        const want = new Map<string, number>();
        const sum = new Int32Array(3 * slots.names.length);
        for (const r of rows) {
          const skills = Object.keys(r).filter((s) => r[s]! > 0);
          for (const s of skills) want.set(s, (want.get(s) ?? 0) + r[s]!);
          const bytes = encodeSkills({ skills, n: skills.map((s) => r[s]!), required: skills.map(() => 0), preferred: skills.map(() => 0) }, slots);
          // stored bytes arrive at any offset of a larger buffer
          const shifted = Buffer.concat([Buffer.from([7]), bytes]).subarray(1);
          addSkills(sum, int32Copy(shifted));
        }
        const got = decodeSkills(sum, slots);
        expect(Object.fromEntries(got.skills.map((s, i) => [s, got.n[i]]))).toEqual(Object.fromEntries([...want].filter(([, n]) => n > 0)));
      }),
    );
  });

  it('sums n planes alone into the same counts as whole vectors', () => {
    const a = encodeSkills({ skills: ['python', 'aws'], n: [2, 1], required: [1, 1], preferred: [0, 0] }, slots);
    const b = encodeSkills({ skills: ['docker'], n: [4], required: [0], preferred: [3] }, slots);
    const whole = new Int32Array(3 * slots.names.length);
    const plane = new Int32Array(slots.names.length);
    for (const v of [a, b].map(int32Copy)) {
      addSkills(whole, v);
      addCounts(plane, v);
    }
    expect(topSlots(plane, slots, Infinity)).toEqual(topSlots(whole.subarray(0, 4), slots, Infinity));
    expect([...plane]).toEqual([2, 4, 1, 0]);
  });

  it('sums rows per filter and combo into one vector and total', () => {
    const v = (n: number[]) => encodeSkills({ skills: slots.names.slice(0, n.length), n, required: n.map(() => 0), preferred: n.map(() => 0) }, slots);
    const rows = sumVectorRows([
      { fKind: '', fVal: '', combo: 0, total: 3, counts: v([1, 2]) },
      { fKind: '', fVal: '', combo: 0, total: 4, counts: v([1, 0, 0, 5]) },
      { fKind: 'role', fVal: 'x', combo: 0, total: 1, counts: v([1]) },
    ]);
    expect(rows).toHaveLength(2);
    const all = rows.find((r) => r.fKind === '')!;
    expect(all.total).toBe(7);
    const sum = new Int32Array(12);
    addSkills(sum, int32Copy(all.counts));
    expect(decodeSkills(sum, slots).n).toEqual([5, 2, 2]);
  });

  it('picks the largest counts, ties in skill id order, as sorting every skill would', () => {
    const names = ['python', 'docker', 'aws', 'django', 'c++', 'Go', 'go', 'k8s'];
    const s = slotsOf(names);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1, max: 6 }), { minLength: 0, maxLength: 10 }), fc.nat(9), fc.integer({ min: -1, max: 9 }), (counts, limit, except) => {
        const n = Int32Array.from(counts);
        const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
        const want = counts
          .map((count, i) => ({ i, count }))
          .filter((c) => c.count > 0 && c.i !== except && c.i < names.length)
          .sort((a, b) => b.count - a.count || byText(names[a.i]!, names[b.i]!))
          .slice(0, limit)
          .map((c) => c.i);
        expect(topSlots(n, s, limit, except)).toEqual(want);
      }),
    );
    // counts near the int32 limit stay exact
    expect(topSlots(Int32Array.from([2 ** 31 - 1, 2 ** 31 - 2]), slotsOf(['b', 'a']), 2)).toEqual([0, 1]);
  });
});
