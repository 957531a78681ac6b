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

/** Skill rows per day, flags and filter of these postings; total: the postings of the row. */
export function buildSkillDays(postings: readonly CompactPosting[]): Array<SkillRow & { total: number }> {
  const { index, names } = skillIndex(postings);
  const size = 3 * names.length;
  const days = new Map<string, { key: Omit<SkillRow, keyof SkillArrays> & { total: number }; counts: Int32Array }>();
  for (const p of postings) {
    const ids = p.skills.map((s) => index.get(s)!);
    for (const [fKind, fVal] of facetsOf(p)) {
      const k = `${p.day}|${p.dup}|${p.open}|${fKind}|${fVal}`;
      let row = days.get(k);
      if (!row) days.set(k, (row = { key: { fKind, fVal, period: p.day, dup: p.dup, open: p.open, total: 0 }, counts: new Int32Array(size) }));
      row.key.total++;
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

// Combos: the four answers a query can ask for (sql/00007). Bit 1: unique openings (reposts
// folded), bit 2: open postings only. A posting counts in every combo its flags allow.

/** The combo of a query: 0 all, 1 unique, 2 open only, 3 unique and open. */
export const comboOf = (unique: boolean, openOnly: boolean): number => (unique ? 1 : 0) | (openOnly ? 2 : 0);

/** The combos a posting (or flag row) with these flags counts in. */
export function combosOf(dup: boolean, open: boolean): number[] {
  return [0, 1, 2, 3].filter((c) => (!(c & 1) || !dup) && (!(c & 2) || open));
}

/** Rows keyed by combo instead of flags: each the sum of the flag rows that combo counts. */
type Combo<T> = Omit<T, 'dup' | 'open'> & { combo: number };

// Groups flag rows by key and combo, then sums each group with `sum`.
function toCombos<T extends { dup: boolean; open: boolean }, R>(rows: readonly T[], key: (r: T) => string, sum: (rows: T[], combo: number) => R): R[] {
  const groups = new Map<string, T[]>();
  for (const r of rows) {
    for (const c of combosOf(r.dup, r.open)) {
      const k = `${c}|${key(r)}`;
      const g = groups.get(k);
      if (g) g.push(r);
      else groups.set(k, [r]);
    }
  }
  return [...groups.entries()].map(([k, g]) => sum(g, Number(k.slice(0, k.indexOf('|')))));
}

// Parallel skill arrays summed, in first-seen order.
function sumArrays(rows: readonly SkillArrays[]): SkillArrays {
  if (rows.length === 1) return { skills: rows[0]!.skills, n: rows[0]!.n, required: rows[0]!.required, preferred: rows[0]!.preferred };
  const at = new Map<string, number>();
  const out: SkillArrays = { skills: [], n: [], required: [], preferred: [] };
  for (const r of rows) {
    r.skills.forEach((s, i) => {
      let j = at.get(s);
      if (j === undefined) {
        at.set(s, (j = out.skills.length));
        out.skills.push(s);
        out.n.push(0);
        out.required.push(0);
        out.preferred.push(0);
      }
      out.n[j]! += r.n[i]!;
      out.required[j]! += r.required[i]!;
      out.preferred[j]! += r.preferred[i]!;
    });
  }
  return out;
}

export type RoleComboRow = Combo<RoleRow>;

/** Role day rows per combo. */
export function roleCombos(rows: readonly RoleRow[]): RoleComboRow[] {
  return toCombos(rows, (r) => `${r.day}|${r.fKind}|${r.fVal}`, (g, combo) => {
    const n = new Map<string, number>();
    for (const r of g) r.roles.forEach((role, i) => n.set(role, (n.get(role) ?? 0) + r.n[i]!));
    const { fKind, fVal, day } = g[0]!;
    return { fKind, fVal, day, combo, total: g.reduce((s, r) => s + r.total, 0), roles: [...n.keys()], n: [...n.values()] };
  });
}

export interface SkillComboRow extends SkillArrays {
  fKind: string;
  fVal: string;
  period: string;
  combo: number;
  /** postings under the filter in the period */
  total: number;
}

/** Skill day rows per combo, with the postings of each day and filter (from the same postings). */
export function skillDayCombos(days: readonly (SkillRow & { total: number })[]): SkillComboRow[] {
  return toCombos(days, (r) => `${r.period}|${r.fKind}|${r.fVal}`, (g, combo) => {
    const { fKind, fVal, period } = g[0]!;
    return { fKind, fVal, period, combo, total: g.reduce((s, r) => s + r.total, 0), ...sumArrays(g) };
  });
}

export type PairComboRow = Combo<PairRow>;

/** Pair rows per combo. */
export function pairCombos(rows: readonly PairRow[]): PairComboRow[] {
  return toCombos(rows, (r) => r.skillA, (g, combo) => ({ skillA: g[0]!.skillA, combo, ...sumArrays(g) }));
}

export type SalaryComboRow = Combo<SalaryRow>;

/** Salary histograms per combo (amounts ascending). */
export function salaryCombos(rows: readonly SalaryRow[]): SalaryComboRow[] {
  return toCombos(rows, (r) => `${r.fKind}|${r.fVal}|${r.gKind}|${r.gVal}|${r.currency}`, (g, combo) => {
    const { fKind, fVal, gKind, gVal, currency } = g[0]!;
    if (g.length === 1) return { fKind, fVal, gKind, gVal, currency, combo, amounts: g[0]!.amounts, counts: g[0]!.counts };
    const hist = new Map<number, number>();
    for (const r of g) r.amounts.forEach((a, i) => hist.set(a, (hist.get(a) ?? 0) + r.counts[i]!));
    const amounts = [...hist.keys()].sort((a, b) => a - b);
    return { fKind, fVal, gKind, gVal, currency, combo, amounts, counts: amounts.map((a) => hist.get(a)!) };
  });
}
