// Where the common hiring systems put posting fields in their page markup, outside JSON-LD.
// Looked up by attribute token during the single page walk (no per-rule tree scans).

export type AtsField = 'title' | 'company' | 'location' | 'description' | 'descriptionParent' | 'employmentType' | 'datePosted'
  | 'workplace' | 'salary' | 'department';

export interface AtsRule { system: string; field: AtsField; attr: string; value: string }

const R = (system: string, field: AtsField, attr: string, ...values: string[]): AtsRule[] =>
  values.map((value) => ({ system, field, attr, value }));

/** Per hiring system, which element (by attribute token) holds which posting field. */
export const ATS_RULES: AtsRule[] = [
  // Greenhouse job boards (new and classic)
  ...R('greenhouse', 'title', 'class', 'job__title', 'app-title'),
  ...R('greenhouse', 'location', 'class', 'job__location'),
  ...R('greenhouse', 'description', 'class', 'job__description'),
  ...R('greenhouse', 'description', 'id', 'content'),
  ...R('greenhouse', 'company', 'class', 'company-name'),
  ...R('greenhouse', 'salary', 'class', 'pay-range', 'job__pay-range'),
  // Lever
  ...R('lever', 'title', 'class', 'posting-headline'),
  ...R('lever', 'location', 'class', 'location'),
  ...R('lever', 'employmentType', 'class', 'commitment'),
  ...R('lever', 'workplace', 'class', 'workplaceTypes'),
  ...R('lever', 'department', 'class', 'department'),
  // the description, its h3 sections and the closing text are siblings under one wrapper
  ...R('lever', 'descriptionParent', 'data-qa', 'job-description'),
  ...R('lever', 'salary', 'class', 'salary-range'),
  // Workable
  ...R('workable', 'title', 'data-ui', 'job-title'),
  ...R('workable', 'location', 'data-ui', 'job-location'),
  ...R('workable', 'employmentType', 'data-ui', 'job-type'),
  ...R('workable', 'workplace', 'data-ui', 'job-workplace'),
  ...R('workable', 'department', 'data-ui', 'job-department'),
  ...R('workable', 'description', 'data-ui', 'job-description', 'job-requirements', 'job-benefits'),
  ...R('workable', 'salary', 'data-ui', 'job-salary'),
  // Workday
  ...R('workday', 'title', 'data-automation-id', 'jobPostingHeader'),
  ...R('workday', 'description', 'data-automation-id', 'jobPostingDescription'),
  ...R('workday', 'location', 'data-automation-id', 'locations'),
  ...R('workday', 'employmentType', 'data-automation-id', 'time'),
  ...R('workday', 'datePosted', 'data-automation-id', 'postedOn'),
  ...R('workday', 'workplace', 'data-automation-id', 'remoteType'),
  // SmartRecruiters (mostly microdata; these cover the rest)
  ...R('smartrecruiters', 'title', 'class', 'job-title'),
  ...R('smartrecruiters', 'description', 'class', 'job-sections'),
  ...R('smartrecruiters', 'location', 'tag', 'spl-job-location'),
  // iCIMS
  ...R('icims', 'title', 'class', 'iCIMS_Header'),
  ...R('icims', 'description', 'class', 'iCIMS_JobContent'),
  // Personio
  ...R('personio', 'title', 'data-test-id', 'job-title'),
  ...R('personio', 'description', 'data-test-id', 'job-description'),
  ...R('personio', 'location', 'data-test-id', 'job-location'),
  ...R('personio', 'employmentType', 'data-test-id', 'job-employment-type'),
  // Recruitee
  ...R('recruitee', 'title', 'data-testid', 'job-title'),
  ...R('recruitee', 'description', 'data-testid', 'job-description'),
  ...R('recruitee', 'location', 'data-testid', 'job-location'),
  ...R('recruitee', 'employmentType', 'data-testid', 'job-employment-type'),
  ...R('recruitee', 'salary', 'data-testid', 'job-salary'),
  // Teamtailor
  ...R('teamtailor', 'description', 'data-controller', 'careersite--job-body'),
  ...R('teamtailor', 'title', 'data-controller', 'careersite--job-title'),
  // Ashby (server-rendered fallback; the app state script is read separately)
  ...R('ashby', 'description', 'class', 'ashby-job-posting-description'),
  ...R('ashby', 'title', 'class', 'ashby-job-posting-heading'),
];

const BY_KEY = new Map<string, AtsRule[]>();
for (const r of ATS_RULES) {
  const key = `${r.attr}=${r.value}`;
  const list = BY_KEY.get(key) ?? [];
  list.push(r);
  BY_KEY.set(key, list);
}
const ATTRS = [...new Set(ATS_RULES.map((r) => r.attr).filter((a) => a !== 'class' && a !== 'tag'))];
const CLASS_TOKENS = new Set(ATS_RULES.filter((r) => r.attr === 'class').map((r) => r.value));
const TAGS = new Set(ATS_RULES.filter((r) => r.attr === 'tag').map((r) => r.value));
const CLASS_HINT = new RegExp([...CLASS_TOKENS].map((t) => t.replace(/[-]/g, '\\-')).join('|'));

/** Rules matching one element's tag, id, data-* and class tokens. */
export function matchAts(name: string, attribs: Record<string, string>): AtsRule[] | null {
  // Runs for every element of every page: no closures, no splitting unless a token can match.
  let out: AtsRule[] | null = TAGS.has(name) ? BY_KEY.get(`tag=${name}`) ?? null : null;
  for (const a of ATTRS) {
    const v = attribs[a];
    const rs = v === undefined ? undefined : BY_KEY.get(`${a}=${v}`);
    if (rs) out = out ? out.concat(rs) : rs;
  }
  const cls = attribs.class;
  if (cls && CLASS_HINT.test(cls)) {
    for (const t of cls.split(/\s+/)) {
      const rs = CLASS_TOKENS.has(t) ? BY_KEY.get(`class=${t}`) : undefined;
      if (rs) out = out ? out.concat(rs) : rs;
    }
  }
  return out;
}
