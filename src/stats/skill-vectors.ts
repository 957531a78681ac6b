// Skill counts as dense vectors: every skill has a fixed slot (stats_skill_index, append-only),
// and a rollup row of w slots stores its counts as little-endian int32 in three planes (bytea):
// n of slots 0..w-1, then required, then preferred (sql/00013). Summing rows is then a loop over
// typed arrays in Node; Postgres only ships bytes. Unnesting text arrays into per-skill tuples
// cost ~1.5 us a skill a row there: 15-30 ms for one top-skills query. The n plane is the first
// third of the bytes, so a read that needs only n (series, previous periods) asks Postgres for
// that prefix and ships a third of the bytes. Pure.

import type { SkillArrays } from './rollup-build.ts';

/** Skill id -> slot, and back; append-only, so a vector written earlier stays valid (shorter). */
export interface SkillSlots {
  names: readonly string[];
  slot: ReadonlyMap<string, number>;
}

export function slotsOf(names: readonly string[]): SkillSlots {
  return { names, slot: new Map(names.map((n, i) => [n, i])) };
}

/** The vector of these counts (every skill must have a slot), as bytes. */
export function encodeSkills(a: SkillArrays, slots: SkillSlots): Buffer {
  let width = 0;
  const at = a.skills.map((s) => {
    const i = slots.slot.get(s);
    if (i === undefined) throw new Error(`skill ${s} has no slot`);
    width = Math.max(width, i + 1);
    return i;
  });
  const v = new Int32Array(3 * width);
  at.forEach((i, j) => {
    v[i] = a.n[j]!;
    v[width + i] = a.required[j]!;
    v[2 * width + i] = a.preferred[j]!;
  });
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

// An Int32Array view of a vector's bytes (copied when unaligned).
function view(b: Uint8Array): Int32Array {
  if (b.byteOffset % 4 === 0) return new Int32Array(b.buffer, b.byteOffset, b.byteLength >> 2);
  const copy = new Uint8Array(b.byteLength);
  copy.set(b);
  return new Int32Array(copy.buffer);
}

/**
 * Adds a stored vector into `into` (three planes of `into.length / 3` slots; a vector of fewer
 * slots leaves the rest of each plane, one of more slots is cut to them).
 */
export function addSkills(into: Int32Array, bytes: Uint8Array): void {
  const v = view(bytes);
  const width = into.length / 3;
  const w = v.length / 3;
  const len = Math.min(w, width);
  for (let p = 0; p < 3; p++) {
    const to = p * width;
    const from = p * w;
    for (let i = 0; i < len; i++) into[to + i]! += v[from + i]!;
  }
}

/** Adds an n plane (a vector's first third) into `into` (one count a slot; a shorter plane leaves the rest). */
export function addCounts(into: Int32Array, bytes: Uint8Array): void {
  const v = view(bytes);
  const len = Math.min(v.length, into.length);
  for (let i = 0; i < len; i++) into[i]! += v[i]!;
}

/** A sum vector (three planes) back as parallel arrays, only skills with n > 0. */
export function decodeSkills(sum: Int32Array, slots: SkillSlots): SkillArrays {
  const out: SkillArrays = { skills: [], n: [], required: [], preferred: [] };
  const width = sum.length / 3;
  for (let i = 0; i < width && i < slots.names.length; i++) {
    if (sum[i]! <= 0) continue;
    out.skills.push(slots.names[i]!);
    out.n.push(sum[i]!);
    out.required.push(sum[width + i]!);
    out.preferred.push(sum[2 * width + i]!);
  }
  return out;
}

/** A skill and its count of postings. */
export interface SkillTotal {
  skill: string;
  count: number;
}

/** A summed n plane back as counts, only skills with n > 0, in slot order. */
export function decodeCounts(sum: Int32Array, slots: SkillSlots): SkillTotal[] {
  const out: SkillTotal[] = [];
  for (let i = 0; i < sum.length && i < slots.names.length; i++) if (sum[i]! > 0) out.push({ skill: slots.names[i]!, count: sum[i]! });
  return out;
}

/** Whether every slot a vector of `bytes` length uses is known. */
export const coversBytes = (slots: SkillSlots, byteLength: number): boolean => byteLength <= 12 * slots.names.length;

export interface VectorRow {
  fKind: string;
  fVal: string;
  combo: number;
  total: number;
  counts: Uint8Array;
}

/** Rows summed per filter and combo (a week or month from its days). */
export function sumVectorRows(rows: readonly VectorRow[]): Array<Omit<VectorRow, 'counts'> & { counts: Buffer }> {
  const groups = new Map<string, { fKind: string; fVal: string; combo: number; total: number; parts: Uint8Array[]; width: number }>();
  for (const r of rows) {
    const k = `${r.combo}|${r.fKind}|${r.fVal}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { fKind: r.fKind, fVal: r.fVal, combo: r.combo, total: 0, parts: [], width: 0 }));
    g.total += r.total;
    g.parts.push(r.counts);
    g.width = Math.max(g.width, r.counts.byteLength >> 2);
  }
  return [...groups.values()].map((g) => {
    const sum = new Int32Array(g.width);
    for (const p of g.parts) addSkills(sum, p);
    return { fKind: g.fKind, fVal: g.fVal, combo: g.combo, total: g.total, counts: Buffer.from(sum.buffer) };
  });
}
