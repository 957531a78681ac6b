// The recruiter's markup check: which of Google's required (error) and recommended (warning)
// JobPosting properties are missing or invalid. Reads the raw JobPosting object as marked up.
import type { StructuredDataIssue } from '../../types.ts';
import { isGoogleEmploymentType } from './employment-type.ts';

type Obj = Record<string, unknown>;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

const present = (v: unknown): boolean =>
  v !== undefined && v !== null && !(typeof v === 'string' && !v.trim()) && !(Array.isArray(v) && v.length === 0);
const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);
const obj = (v: unknown): Obj | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null);

/** Google's required and recommended JobPosting properties missing or invalid on one object. */
export function checkJobPosting(jp: Obj, fetchedAt: Date = new Date()): StructuredDataIssue[] {
  const issues: StructuredDataIssue[] = [];
  const err = (property: string, message: string): void => void issues.push({ property, severity: 'error', message });
  const warn = (property: string, message: string): void => void issues.push({ property, severity: 'warning', message });

  if (!present(jp.title)) err('title', 'missing: Google requires the job title');
  else if (typeof jp.title === 'string' && /\$|€|£|\d{4}-\d{2}-\d{2}|!{2,}/.test(jp.title))
    warn('title', 'the title should hold only the job title, not salary, dates or promotion');
  if (!present(jp.description)) err('description', 'missing: Google requires the full job description');
  else if (typeof jp.description === 'string' && jp.description.length < 100)
    warn('description', 'very short: Google expects the full description in HTML');
  checkDate(jp.datePosted, 'datePosted', true, err, warn);
  const org = first(jp.hiringOrganization);
  if (!present(org)) err('hiringOrganization', 'missing: Google requires the hiring organization');
  else if (!obj(org)) warn('hiringOrganization', 'is plain text: give an Organization with a name (and sameAs, logo for the company logo)');
  else if (!present(obj(org)!.name)) err('hiringOrganization.name', 'missing: the organization needs a name');
  checkLocation(jp, err, warn);
  checkSalary(jp, warn);
  if (!present(jp.employmentType)) warn('employmentType', 'missing (recommended)');
  else if (!isGoogleEmploymentType(jp.employmentType))
    warn('employmentType', `"${String(first(jp.employmentType))}" is not one of FULL_TIME, PART_TIME, CONTRACTOR, TEMPORARY, INTERN, VOLUNTEER, PER_DIEM, OTHER`);
  if (checkDate(jp.validThrough, 'validThrough', false, err, warn)) {
    const until = Date.parse(String(jp.validThrough));
    if (!Number.isNaN(until) && until < fetchedAt.getTime()) warn('validThrough', 'in the past: the posting has expired');
    const posted = Date.parse(String(jp.datePosted));
    if (!Number.isNaN(posted) && !Number.isNaN(until) && until < posted) err('validThrough', 'earlier than datePosted');
  }
  if (!present(jp.identifier)) warn('identifier', "missing (recommended): the employer's unique id for the job");
  if (!present(jp.directApply)) warn('directApply', 'missing (recommended): whether the page lets candidates apply directly');
  return issues;
}

function checkDate(v: unknown, prop: string, required: boolean,
  err: (p: string, m: string) => void, warn: (p: string, m: string) => void): boolean {
  if (!present(v)) {
    if (required) err(prop, 'missing: Google requires it (ISO 8601)');
    else warn(prop, 'missing (recommended): the date the posting expires, ISO 8601');
    return false;
  }
  if (typeof v !== 'string' || !ISO_DATE.test(v.trim())) {
    (required ? err : warn)(prop, `"${String(v)}" is not an ISO 8601 date`);
    return false;
  }
  return true;
}

function checkLocation(jp: Obj, err: (p: string, m: string) => void, warn: (p: string, m: string) => void): void {
  const types = (Array.isArray(jp.jobLocationType) ? jp.jobLocationType : [jp.jobLocationType]).filter(present);
  const remote = types.some((t) => typeof t === 'string' && t.trim().toUpperCase() === 'TELECOMMUTE');
  for (const t of types) if (!remote || String(t).toUpperCase() !== 'TELECOMMUTE') warn('jobLocationType', `"${String(t)}" is not valid: the only value is TELECOMMUTE`);
  const hasApplicant = present(jp.applicantLocationRequirements);
  if (!present(jp.jobLocation)) {
    if (!remote) err('jobLocation', 'missing: Google requires it unless the job is fully remote (jobLocationType TELECOMMUTE)');
    else if (!hasApplicant) err('applicantLocationRequirements', 'missing: a remote job must say where applicants may live');
    return;
  }
  if (remote && !hasApplicant) warn('applicantLocationRequirements', 'missing (recommended for remote jobs)');
  const places = Array.isArray(jp.jobLocation) ? jp.jobLocation : [jp.jobLocation];
  for (const p of places) {
    const raw = obj(p)?.address;
    const address = obj(first(raw));
    if (!address) {
      warn('jobLocation.address', present(raw) ? 'is plain text: give a PostalAddress (addressLocality, addressRegion, addressCountry)' : 'missing: give a PostalAddress');
      continue;
    }
    if (!present(address.addressCountry)) warn('jobLocation.address.addressCountry', 'missing (recommended)');
    if (!present(address.addressLocality) && !present(address.addressRegion))
      warn('jobLocation.address.addressLocality', 'missing: give the city or region');
  }
}

function checkSalary(jp: Obj, warn: (p: string, m: string) => void): void {
  const s = first(jp.baseSalary);
  if (!present(s)) return void warn('baseSalary', 'missing (recommended): the actual base salary');
  const o = obj(s);
  if (!o) {
    if (!present(jp.salaryCurrency)) warn('baseSalary.currency', 'missing: give a MonetaryAmount with an ISO 4217 currency');
    warn('baseSalary.value.unitText', 'missing: give the period (HOUR, DAY, WEEK, MONTH, YEAR)');
    return;
  }
  if (!present(o.currency)) warn('baseSalary.currency', 'missing: ISO 4217 currency code');
  else if (typeof o.currency !== 'string' || !/^[A-Z]{3}$/.test(o.currency.trim())) warn('baseSalary.currency', `"${String(o.currency)}" is not an ISO 4217 code`);
  const v = first(o.value);
  if (!present(v)) return void warn('baseSalary.value', 'missing: a QuantitativeValue with value or minValue/maxValue');
  const q = obj(v);
  const unit = q?.unitText ?? o.unitText;
  if (!present(unit)) warn('baseSalary.value.unitText', 'missing: HOUR, DAY, WEEK, MONTH or YEAR');
  else if (!/^(?:HOUR|DAY|WEEK|MONTH|YEAR)$/.test(String(unit).trim())) warn('baseSalary.value.unitText', `"${String(unit)}" is not one of HOUR, DAY, WEEK, MONTH, YEAR`);
  if (q && !present(q.value) && !present(q.minValue) && !present(q.maxValue)) warn('baseSalary.value', 'has no value, minValue or maxValue');
}
