// Counts, for every ordered pair of skills (a, b) including a = b, the postings having both,
// split by the two flags (repost, open) and by b's requirement. Pure.

export interface PairPosting {
  dup: boolean;
  open: boolean;
  skills: string[];
  requirements: string[];
}

/** Column arrays of the non-zero pair counts, ready for an unnest insert. */
export interface PairRows {
  skillA: string[];
  skillB: string[];
  dup: boolean[];
  open: boolean[];
  n: number[];
  required: number[];
  preferred: number[];
}

/** Pair counts of these postings (a = b rows are each skill's own posting count). */
export function countSkillPairs(postings: readonly PairPosting[]): PairRows {
  const index = new Map<string, number>();
  for (const p of postings) for (const s of p.skills) if (!index.has(s)) index.set(s, index.size);
  const names = [...index.keys()];
  const k = names.length;
  // cell = dup * 2 + open; flat index ((cell * k) + a) * k + b
  const n = new Int32Array(4 * k * k);
  const req = new Int32Array(4 * k * k);
  const pref = new Int32Array(4 * k * k);
  for (const p of postings) {
    const cell = (p.dup ? 2 : 0) + (p.open ? 1 : 0);
    const ids = p.skills.map((s) => index.get(s)!);
    for (const a of ids) {
      const base = (cell * k + a) * k;
      for (let j = 0; j < ids.length; j++) {
        const at = base + ids[j]!;
        n[at]!++;
        const r = p.requirements[j];
        if (r === 'required') req[at]!++;
        else if (r === 'preferred') pref[at]!++;
      }
    }
  }
  const out: PairRows = { skillA: [], skillB: [], dup: [], open: [], n: [], required: [], preferred: [] };
  for (let at = 0; at < n.length; at++) {
    if (n[at] === 0) continue;
    const b = at % k;
    const a = Math.floor(at / k) % k;
    const cell = Math.floor(at / (k * k));
    out.skillA.push(names[a]!);
    out.skillB.push(names[b]!);
    out.dup.push(cell >= 2);
    out.open.push(cell % 2 === 1);
    out.n.push(n[at]!);
    out.required.push(req[at]!);
    out.preferred.push(pref[at]!);
  }
  return out;
}
