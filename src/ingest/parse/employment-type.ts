// employmentType normalised to lower-case with hyphens, from schema.org values (FULL_TIME),
// hiring-system labels ("Full Time", "Regular", "Permanent") and free text.

const TYPES: Array<[string, RegExp]> = [
  ['internship', /\bintern(?:ship)?\b|\bpraktikum\b|\btrainee(?:ship)?\b/i],
  ['volunteer', /\bvolunteer/i],
  ['per-diem', /\bper[\s_-]?diem\b/i],
  ['temporary', /\btemp(?:orary)?\b|\bseasonal\b|\bfixed[\s_-]term\b|\bbefristet\b/i],
  ['contract', /\bcontract(?:or)?\b|\bfreelance\b|\bcontractor\b|\bc2c\b|\b1099\b/i],
  ['part-time', /\bpart[\s_-]?time\b|\bteilzeit\b|\bworking student\b|\bmini[\s-]?job\b/i],
  ['full-time', /\bfull[\s_-]?time\b|\bvollzeit\b|\bpermanent\b|\bregular\b|\bfte\b|\bunbefristet\b/i],
  ['other', /^other$/i],
];

/** Normalises one employmentType value (string or array); null when unrecognised. */
export function normaliseEmploymentType(value: unknown): string | null {
  if (Array.isArray(value)) {
    for (const v of value) {
      const t = normaliseEmploymentType(v);
      if (t) return t;
    }
    return null;
  }
  if (typeof value !== 'string' || !value.trim() || value.length > 200) return null;
  for (const [type, re] of TYPES) if (re.test(value)) return type;
  return null;
}

const GOOGLE = new Set(['FULL_TIME', 'PART_TIME', 'CONTRACTOR', 'TEMPORARY', 'INTERN', 'VOLUNTEER', 'PER_DIEM', 'OTHER']);

/** True when the value is one of Google's documented employmentType values. */
export function isGoogleEmploymentType(value: unknown): boolean {
  const vals = Array.isArray(value) ? value : [value];
  return vals.length > 0 && vals.every((v) => typeof v === 'string' && GOOGLE.has(v.trim().toUpperCase()));
}
