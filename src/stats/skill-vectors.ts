// Skill counts as dense vectors: every skill has a fixed slot (stats_skill_index, append-only),
// and a rollup row of w slots stores its counts as little-endian int32 in three planes (bytea):
// n of slots 0..w-1, then required, then preferred (sql/00013). Summing rows is then a loop over
// typed arrays in Node; Postgres only ships bytes. Unnesting text arrays into per-skill tuples
// cost ~1.5 us a skill a row there: 15-30 ms for one top-skills query. The n plane comes first,
// so a sum that needs only counts reads the first third of each vector. Pure.

import type { SkillArrays } from './rollup-build.ts';

/** Skill id -> slot, and back; append-only, so a vector written earlier stays valid (shorter). */
export interface SkillSlots {
  names: readonly string[];
  slot: ReadonlyMap<string, number>;
  /** the slots in skill id order (code units, as answers break ties), and each slot's place in it */
  byId: Int32Array;
  rank: Int32Array;
}

export function slotsOf(names: readonly string[]): SkillSlots {
  const byId = Int32Array.from(names.keys()).sort((a, b) => (names[a]! < names[b]! ? -1 : names[a]! > names[b]! ? 1 : 0));
  const rank = new Int32Array(names.length);
  byId.forEach((slot, place) => (rank[slot] = place));
  return { names, slot: new Map(names.map((n, i) => [n, i])), byId, rank };
}

// A count and a slot's place in id order packed in one double: exact while counts stay below 2^31
// (int32 planes) and skills below 2^21.
const PLACES = 2 ** 21;

/**
 * The slots of the `limit` largest counts of an n plane (counts <= 0 and `except` left out),
 * largest first, ties in skill id order. Each count and place packed in one number, the best
 * `limit` kept in order as the plane is scanned: an answer names 5-50 of ~740 skills, and
 * sorting every skill as objects to keep twenty was most of the API's CPU for a skills answer.
 */
export function topSlots(n: Int32Array, slots: SkillSlots, limit: number, except = -1): number[] {
  const len = Math.min(n.length, slots.names.length);
  const best = new Float64Array(Math.min(limit, len)); // descending
  let size = 0;
  for (let i = 0; i < len; i++) {
    if (n[i]! <= 0 || i === except) continue;
    const key = n[i]! * PLACES + (PLACES - 1 - slots.rank[i]!);
    if (size === best.length && key <= best[size - 1]!) continue;
    let j = size < best.length ? size++ : size - 1;
    for (; j > 0 && best[j - 1]! < key; j--) best[j] = best[j - 1]!;
    best[j] = key;
  }
  const out: number[] = [];
  for (let j = 0; j < size; j++) out.push(slots.byId[PLACES - 1 - (best[j]! % PLACES)]!);
  return out;
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

/** A vector's bytes as an Int32Array of its own (aligned, not sharing the client's read buffer). */
export function int32Copy(bytes: Uint8Array): Int32Array {
  const v = new Int32Array(bytes.byteLength >> 2);
  new Uint8Array(v.buffer).set(bytes.subarray(0, v.byteLength));
  return v;
}

/**
 * Adds a vector (three planes) into `into` (three planes of `into.length / 3` slots; a vector of
 * fewer slots leaves the rest of each plane, one of more slots is cut to them).
 */
export function addSkills(into: Int32Array, v: Int32Array): void {
  if (v.length === into.length) {
    // the usual case, rows as wide as the sum: one loop over the three planes
    for (let i = 0; i < v.length; i++) into[i]! += v[i]!;
    return;
  }
  const width = into.length / 3;
  const w = v.length / 3;
  const len = Math.min(w, width);
  for (let p = 0; p < 3; p++) {
    const to = p * width;
    const from = p * w;
    for (let i = 0; i < len; i++) into[to + i]! += v[from + i]!;
  }
}

/** Adds a vector's n plane (its first third) into `into` (one count a slot; a shorter plane leaves the rest). */
export function addCounts(into: Int32Array, v: Int32Array): void {
  const len = Math.min(v.length / 3, into.length);
  for (let i = 0; i < len; i++) into[i]! += v[i]!;
}

/** The required and preferred counts of one slot summed over vectors (three planes each, of any width). */
export function requirementsAt(vectors: readonly Int32Array[], at: number): { required: number; preferred: number } {
  let required = 0;
  let preferred = 0;
  for (const v of vectors) {
    const w = v.length / 3;
    if (at >= w) continue;
    required += v[w + at]!;
    preferred += v[2 * w + at]!;
  }
  return { required, preferred };
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
    for (const p of g.parts) addSkills(sum, int32Copy(p));
    return { fKind: g.fKind, fVal: g.fVal, combo: g.combo, total: g.total, counts: Buffer.from(sum.buffer) };
  });
}
