// Builds the skill, pair and salary rollups from compact postings. Pure: the refresher reads the
// postings of a week or month and writes what these return. Counting goes through typed arrays
// indexed by skill (25 skills a posting times every filter is hundreds of increments a posting;
// Map-per-increment would dominate a 1 M posting build).

export interface CompactPosting {
  day: string;
  dup: boolean;
  open: boolean;
  industries: string[];
  /** lower case, or null */
  company: string | null;
  country: string | null;
  workplace: string | null;
  seniority: string | null;
  source: string;
  roles: string[];
  /** non-negated skills, with their requirement at the same index */
  skills: string[];
  requirements: string[];
  currency: string | null;
  /** annualised midpoint rounded to 100, or null */
  amount: number | null;
}

/** One rollup row of parallel arrays over skills (only skills with n > 0). */
export interface SkillArrays {
  skills: string[];
  n: number[];
  required: number[];
  preferred: number[];
}

export interface SkillRow extends SkillArrays {
  fKind: string;
  fVal: string;
  period: string;
  dup: boolean;
  open: boolean;
}

export interface RoleRow {
  fKind: string;
  fVal: string;
  day: string;
  dup: boolean;
  open: boolean;
  total: number;
  roles: string[];
  n: number[];
}

export interface PairRow extends SkillArrays {
  skillA: string;
  dup: boolean;
  open: boolean;
}

export interface SalaryRow {
  fKind: string;
  fVal: string;
  gKind: string;
  gVal: string;
  currency: string;
  dup: boolean;
  open: boolean;
  amounts: number[];
  counts: number[];
}

/** Monday of the ISO week holding `day` (YYYY-MM-DD). */
export function weekOf(day: string): string {
  const t = Date.parse(`${day}T00:00:00Z`);
  const dow = (new Date(t).getUTCDay() + 6) % 7;
  return new Date(t - dow * 86_400_000).toISOString().slice(0, 10);
}

/** The filters a posting answers in the skill and salary rollups ('' = no filter). */
export function facetsOf(p: CompactPosting): Array<[string, string]> {
  const out: Array<[string, string]> = [['', '']];
  for (const r of new Set(p.roles)) out.push(['role', r]);
  for (const i of new Set(p.industries)) out.push(['industry', i]);
  if (p.country) out.push(['country', p.country]);
  if (p.workplace) out.push(['workplace', p.workplace]);
  if (p.seniority) out.push(['seniority', p.seniority]);
  out.push(['source', p.source]);
  return out;
}

/** Every filter a posting answers in the role rollup: the skill ones plus its skills and company. */
export function allFacetsOf(p: CompactPosting): Array<[string, string]> {
  const out = facetsOf(p);
  for (const s of new Set(p.skills)) out.push(['skill', s]);
  if (p.company) out.push(['company', p.company]);
  return out;
}

/** Postings (total) and postings per role, per day, flags and filter. */
export function buildRoleRollups(postings: readonly CompactPosting[]): RoleRow[] {
  const rows = new Map<string, { row: Omit<RoleRow, 'roles' | 'n'>; roles: Map<string, number> }>();
  for (const p of postings) {
    const roles = [...new Set(p.roles)];
    for (const [fKind, fVal] of allFacetsOf(p)) {
      const k = `${p.day}|${p.dup}|${p.open}|${fKind}|${fVal}`;
      let r = rows.get(k);
      if (!r) rows.set(k, (r = { row: { fKind, fVal, day: p.day, dup: p.dup, open: p.open, total: 0 }, roles: new Map() }));
      r.row.total++;
      for (const role of roles) r.roles.set(role, (r.roles.get(role) ?? 0) + 1);
    }
  }
  return [...rows.values()].map(({ row, roles }) => ({ ...row, roles: [...roles.keys()], n: [...roles.values()] }));
}

/** A week's rows: the sum of its day rows per flags and filter (days: rows of that week only). */
export function sumSkillWeek(days: readonly SkillRow[], week: string): SkillRow[] {
  const rows = new Map<string, { key: Omit<SkillRow, keyof SkillArrays>; counts: Map<string, [number, number, number]> }>();
  for (const d of days) {
    const k = `${d.dup}|${d.open}|${d.fKind}|${d.fVal}`;
    let row = rows.get(k);
    if (!row) rows.set(k, (row = { key: { fKind: d.fKind, fVal: d.fVal, period: week, dup: d.dup, open: d.open }, counts: new Map() }));
    d.skills.forEach((skill, i) => {
      const c = row.counts.get(skill) ?? [0, 0, 0];
      c[0] += d.n[i]!;
      c[1] += d.required[i]!;
      c[2] += d.preferred[i]!;
      row.counts.set(skill, c);
    });
  }
  return [...rows.values()].map(({ key, counts }) => ({
    ...key,
    skills: [...counts.keys()],
    n: [...counts.values()].map((c) => c[0]),
    required: [...counts.values()].map((c) => c[1]),
    preferred: [...counts.values()].map((c) => c[2]),
  }));
}

function skillIndex(postings: readonly CompactPosting[]): { index: Map<string, number>; names: string[] } {
  const index = new Map<string, number>();
  for (const p of postings) for (const s of p.skills) if (!index.has(s)) index.set(s, index.size);
  return { index, names: [...index.keys()] };
}

// counts laid out [n, required, preferred] per skill
function toArrays(counts: Int32Array, names: readonly string[]): SkillArrays {
  const out: SkillArrays = { skills: [], n: [], required: [], preferred: [] };
  for (let i = 0; i < names.length; i++) {
    if (counts[3 * i] === 0) continue;
    out.skills.push(names[i]!);
    out.n.push(counts[3 * i]!);
    out.required.push(counts[3 * i + 1]!);
    out.preferred.push(counts[3 * i + 2]!);
  }
  return out;
}

function addPosting(counts: Int32Array, ids: readonly number[], requirements: readonly string[]): void {
  for (let j = 0; j < ids.length; j++) {
    const at = 3 * ids[j]!;
    counts[at]!++;
    if (requirements[j] === 'required') counts[at + 1]!++;
    else if (requirements[j] === 'preferred') counts[at + 2]!++;
  }
}

/** Skill rows per day, flags and filter of these postings. */
export function buildSkillDays(postings: readonly CompactPosting[]): SkillRow[] {
  const { index, names } = skillIndex(postings);
  const size = 3 * names.length;
  const days = new Map<string, { key: Omit<SkillRow, keyof SkillArrays>; counts: Int32Array }>();
  for (const p of postings) {
    const ids = p.skills.map((s) => index.get(s)!);
    for (const [fKind, fVal] of facetsOf(p)) {
      const k = `${p.day}|${p.dup}|${p.open}|${fKind}|${fVal}`;
      let row = days.get(k);
      if (!row) days.set(k, (row = { key: { fKind, fVal, period: p.day, dup: p.dup, open: p.open }, counts: new Int32Array(size) }));
      addPosting(row.counts, ids, p.requirements);
    }
  }
  return [...days.values()].map((r) => ({ ...r.key, ...toArrays(r.counts, names) }));
}

/** For each flag cell and skill a, the skills of the postings having a; skillA '' = own counts. */
export function buildPairRollups(postings: readonly CompactPosting[]): PairRow[] {
  const { index, names } = skillIndex(postings);
  const k = names.length;
  // 4 flag cells x (k skills + 1 own-count row) x 3 counters x k
  const counts = new Int32Array(4 * (k + 1) * 3 * k);
  const rowAt = (cell: number, a: number) => (cell * (k + 1) + a) * 3 * k;
  for (const p of postings) {
    const cell = (p.dup ? 2 : 0) + (p.open ? 1 : 0);
    const ids = p.skills.map((s) => index.get(s)!);
    for (const a of ids) addPosting(counts.subarray(rowAt(cell, a), rowAt(cell, a) + 3 * k), ids, p.requirements);
    addPosting(counts.subarray(rowAt(cell, k), rowAt(cell, k) + 3 * k), ids, p.requirements);
  }
  const rows: PairRow[] = [];
  for (let cell = 0; cell < 4; cell++) {
    for (let a = 0; a <= k; a++) {
      const arrays = toArrays(counts.subarray(rowAt(cell, a), rowAt(cell, a) + 3 * k), names);
      if (arrays.skills.length === 0) continue;
      rows.push({ skillA: a === k ? '' : names[a]!, dup: cell >= 2, open: cell % 2 === 1, ...arrays });
    }
  }
  return rows;
}

/** Salary histograms per flags, filter, group (role, country, seniority; skill unfiltered) and currency. */
export function buildSalaryRollups(postings: readonly CompactPosting[]): SalaryRow[] {
  const rows = new Map<string, { key: Omit<SalaryRow, 'amounts' | 'counts'>; hist: Map<number, number> }>();
  const add = (key: Omit<SalaryRow, 'amounts' | 'counts'>, amount: number) => {
    const k = `${key.dup}|${key.open}|${key.fKind}|${key.fVal}|${key.gKind}|${key.gVal}|${key.currency}`;
    let row = rows.get(k);
    if (!row) rows.set(k, (row = { key, hist: new Map() }));
    row.hist.set(amount, (row.hist.get(amount) ?? 0) + 1);
  };
  for (const p of postings) {
    if (p.currency === null || p.amount === null) continue;
    const groups: Array<[string, string]> = [...new Set(p.roles)].map((r) => ['role', r] as [string, string]);
    if (p.country) groups.push(['country', p.country]);
    if (p.seniority) groups.push(['seniority', p.seniority]);
    for (const [fKind, fVal] of facetsOf(p)) {
      const all = fKind === '' ? [...groups, ...p.skills.map((s) => ['skill', s] as [string, string])] : groups;
      for (const [gKind, gVal] of all) add({ fKind, fVal, gKind, gVal, currency: p.currency, dup: p.dup, open: p.open }, p.amount);
    }
  }
  return [...rows.values()].map(({ key, hist }) => {
    const amounts = [...hist.keys()].sort((a, b) => a - b);
    return { ...key, amounts, counts: amounts.map((a) => hist.get(a)!) };
  });
}
