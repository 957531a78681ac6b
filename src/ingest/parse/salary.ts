// Salary from text ("$120k-$150k", "£50,000 - £60,000 per annum", "€60/hour", "80-100k EUR",
// "up to $200K + equity") and from schema.org MonetaryAmount. Currency is never guessed: no
// marker, no currency. Annualised with 2080 h, 260 days, 52 weeks or 12 months a year.
import type { Salary, SalaryPeriod } from '../../types.ts';
import { CURRENCY_PATTERN, ISO_CODES, MARKER_FIRST_UNITS, MARKER_MAX_LENGTH, currencyFromMarker, normaliseCurrency } from './currency.ts';

const PER_YEAR: Record<SalaryPeriod, number> = { hour: 2080, day: 260, week: 52, month: 12, year: 1 };
// Currencies where a monthly salary is routinely in the tens of thousands or more.
const HIGH_DENOMINATION = new Set(['JPY', 'KRW', 'INR', 'IDR', 'VND', 'HUF', 'CLP', 'COP', 'ISK', 'PKR', 'LKR', 'NGN', 'PHP', 'TWD', 'CZK', 'RUB']);

const NUM = String.raw`\d{1,3}(?:[,.'’\u00a0\u202f ]\d{3})+(?:[.,]\d{1,2})?|\d{1,2}(?:,\d{2})+,\d{3}|\d+(?:[.,]\d+)?`;
const MULT = String.raw`\s?(?:k|K|thousand|m|M|mn|million|B|bn|billion)(?![A-Za-z])`;
const CUR = `(?:${CURRENCY_PATTERN})`;
const AMOUNT = (n: number): string =>
  String.raw`(?:(?<c${n}a>${CUR})\s?)?(?<n${n}>${NUM})(?<m${n}>${MULT})?(?:\s?(?<c${n}b>${CUR})(?![A-Za-z]))?`;
/** An amount or range with its currency markers; exported for the test that checks moneyMatches against it. */
export const MONEY_SOURCE = String.raw`(?<![\w$£€.,])${AMOUNT(1)}(?:\s*(?:-|–|—|to|bis|and|~)\s*${AMOUNT(2)})?`;
// Tried at one position at a time (sticky): a match's first digit comes at most a currency
// marker and one space after its start, so only a digit, or a marker's first character just
// before one, can start a match. Running the regex from every position of a 10 KB description
// was most of its cost.
const MONEY_AT = new RegExp(MONEY_SOURCE, 'y');
const MAX_LEAD = MARKER_MAX_LENGTH + 1;
const DIGIT = /\d/g;

// "per month", also after "net"/"gross"/"brutto" or a currency code written after the range
const FILLER = String.raw`^[\s,]*(?:(?:net|gross|brutto|netto|before tax|pre-tax|base|b2b|\(?(?:${[...ISO_CODES].join('|')})\)?)\s*)*`;
const after = (re: string): RegExp => new RegExp(FILLER + re, 'i');
const PERIOD_AFTER: Array<[SalaryPeriod, RegExp]> = [
  ['hour', after(String.raw`(?:(?:\/|per|an|a|each)\s*(?:hour|hr|h)\b|hourly|p\/?h\b|ph\b)`)],
  ['day', after(String.raw`(?:(?:\/|per|a)\s*(?:day|diem)\b|daily|p\/?d\b|day rate)`)],
  ['week', after(String.raw`(?:(?:\/|per|a)\s*(?:week|wk)\b|weekly)`)],
  ['month', after(String.raw`(?:(?:\/|per|a)\s*(?:month|mo|mth)\b|monthly|pcm|p\.?m\.?(?![a-z])|(?:\/\s*)?monat)`)],
  ['year', after(String.raw`(?:(?:\/|per|a|an)\s*(?:year|yr|annum|anno)\b|annually|yearly|annual|p\.?a\.?(?![a-z])|pa\b|\/?\s*jahr|jährlich)`)],
];
const PERIOD_NEAR: Array<[SalaryPeriod, RegExp]> = [
  ['hour', /\bhourly\b|\bper hour\b|\bhour(?:ly)? rate\b/i],
  ['day', /\bday rate\b|\bdaily rate\b|\bper day\b/i],
  ['week', /\bweekly\b|\bper week\b/i],
  ['month', /\bmonthly\b|\bper month\b|\bmonatlich\b/i],
  ['year', /\bannual(?:ly)?\b|\byearly\b|\bper (?:year|annum)\b|\bjahresgehalt\b/i],
];
// Whole words: inside "remote", "learning", "corporate" or "database" they made counts read as pay.
// (German compounds end in theirs: "Jahresgehalt", "Grundvergütung".)
const SALARY_WORD = /\b(?:salary|salaries|compensation|pay|base|ote|wages?|rate|earn|earnings|stipend|salaire|range)\b|(?:gehalt|vergütung)\b/i;
// Money in a benefit ("Fertility HRA (up to $10,000 per year)", "$1,500 learning budget",
// "$5,000 sign-on bonus"): read as pay it put a $10,000 salary on account executives. A benefit
// word in the clause before the amount (its line, back to the last sentence or list break), or
// a benefit noun right after it ("$1,500 learning budget", not "$85,000 plus bonus"), marks it,
// unless a pay word in that clause keeps it ("Salary: £45,000 plus annual bonus"). PAY_WORD is
// narrower than SALARY_WORD: "rate" and "range" also describe benefits.
const BENEFIT_AFTER = /^\s*(?:(?!plus\b|and\b|with\b|including\b|incl\b|or\b)[a-z-]+\s+){0,2}(?:budget|allowance|stipend|bonus|reimbursement|credits?|match)\b/i;
const PAY_WORD = /\b(?:salary|salaries|compensation|pay|wages?|ote|base|earnings?|stipend|gehalt|salaire|vergütung)\b/i;
const BENEFIT_WORD = /\b(?:hra|hsa|fsa|allowance|budget|stipends? for|reimburse\w*|bonus|relocation|match(?:ing)?|401|pension|insurance|coverage|fertility|childcare|commuter|wellness|wellbeing|gym|equipment|home office|learning|education|tuition|referral|per diem|credits?|donation|meal|lunch|phone|internet|vacation|holiday|leave)\b/i;

// Lower case only: a capitalised word after a figure is more likely the next heading ("$365,000 USD Logistics").
// Singular words that end in s ("bonus") and pay extras are not counts: "$120k + bonus" is pay.
const COUNTED = /^[ \t]*\+?[ \t]*(?!(?:dollars|euros|pounds|francs|kronor|kroner|rupees|yen|gross|plus|benefits|bonus|bonuses|commissions|options|tips)\b)[a-z]{2,}s\b/;

interface Candidate { salary: Salary; score: number; index: number }

/** Finds the most salary-like amount or range in a text; null when there are no figures. */
export function parseSalaryText(text: string, hints: { country?: string | null } = {}): Salary | null {
  const src = text.length > 50_000 ? text.slice(0, 50_000) : text;
  let best: Candidate | null = null;
  for (const m of moneyMatches(src)) {
    const c = candidate(src, m, hints.country ?? null);
    if (c && (!best || c.score > best.score)) best = c;
  }
  return best ? best.salary : null;
}

/** Every money match in the text, in order: the matches of a global MONEY_SOURCE regex. */
export function moneyMatches(text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  for (let m = nextMoney(text, 0); m; m = nextMoney(text, m.index + m[0].length)) out.push(m);
  return out;
}

/** The first money match starting at or after `from`: what a global MONEY regex would find next. */
function nextMoney(text: string, from: number): RegExpExecArray | null {
  let tried = from; // every position before this has been tried, or cannot start a match
  DIGIT.lastIndex = from;
  while (DIGIT.test(text)) {
    const d = DIGIT.lastIndex - 1;
    // positions in [tried, d) hold no digit: a match starting there starts with a marker
    for (let p = Math.max(tried, d - MAX_LEAD); p <= d; p++) {
      if (p < d && !MARKER_FIRST_UNITS.has(text.charCodeAt(p))) continue;
      MONEY_AT.lastIndex = p;
      const m = MONEY_AT.exec(text);
      if (m) return m;
    }
    tried = d + 1;
  }
  return null;
}

function candidate(text: string, m: RegExpMatchArray, country: string | null): Candidate | null {
  const g = m.groups ?? {};
  const index = m.index ?? 0;
  const end = index + m[0].length;
  const before = text.slice(Math.max(0, index - 60), index);
  const after = text.slice(end, end + 40);
  // "$100k+", "€45+/hour": a plus sign written onto one amount means "or more"; what follows it
  // (currency code, period, benefit noun) is read past it.
  const plus = g.n2 === undefined && /^\+(?![\d$£€])/.test(after);
  const tail = plus ? after.slice(1) : after;
  const mult1 = g.m1?.trim() ?? '';
  const mult2 = g.m2?.trim() ?? '';
  // Millions and billions are funding and market figures ("over $200B in spend"), never pay.
  if (/^(?:m|mn|million|b|bn|billion)$/i.test(mult1) || /^(?:m|mn|million|b|bn|billion)$/i.test(mult2)) return null;
  if (/\b401\s*\(?$/i.test(before) || /^\s*\(k\)/i.test(after) || /^\s*(?:\+\s*)?(?:years?|yrs?|%|people|employees|customers|users|countries|offices|hours|days|weeks|months)\b/i.test(after)) return null;
  // A count of things ("200k patients", "50k leads"): a plural word right after the figure on its line, unless it names money.
  if (COUNTED.test(after)) return null;
  // An ISO code anywhere in the range ("$85,000 – $95,000 CAD", "21 $ (CAD)") beats a bare symbol.
  const markers = [g.c1a, g.c1b, g.c2a, g.c2b].filter((x): x is string => Boolean(x));
  const code = markers.find((x) => /^[A-Z]{3}$/.test(x)) ?? /^\s*\(?([A-Z]{3})\)?(?![A-Za-z])/.exec(tail.replace(/^[\s,]*(?:per|an?|\/)\s*\w+\s*/i, ''))?.[1];
  const marker = code && currencyFromMarker(code) ? code : markers[0] ?? null;
  const currency = marker ? currencyFromMarker(marker, country) : null;
  const kSuffix = /^(?:k|thousand)$/i.test(mult1) || /^(?:k|thousand)$/i.test(mult2);
  const keyword = SALARY_WORD.test(before);
  const clause = before.slice(Math.max(before.lastIndexOf('\n'), before.search(/[.;!?]\s[^.;!?]*$/)) + 1);
  if ((BENEFIT_WORD.test(clause) || BENEFIT_AFTER.test(tail)) && !PAY_WORD.test(clause)) return null;
  // Most figures in a description ("5+ years", "40 clients") end here, before the period search.
  if (!currency && !keyword) return null;
  let a = toNumber(g.n1 ?? '', mult1);
  let b = g.n2 !== undefined ? toNumber(g.n2, mult2) : null;
  if (a === null) return null;
  // "80-100k" and "$120-150k": the multiplier written once applies to both ends.
  if (b !== null && !mult1 && mult2 && a < 1000 && b >= 1000) a *= 1000;
  if (b !== null && b < a) return null;
  const period = periodOf(tail, before);
  if (!currency && !(keyword && (kSuffix || period))) return null;
  if (!currency && marker) return null;
  if (a < 5 || (b === null && !currency && !kSuffix)) return null;
  if (/\b(?:19|20)\d\d$/.test(g.n1 ?? '') && !currency) return null;
  let min: number | null = a;
  let max: number | null = b ?? a;
  if (b === null && /(?:up to|upto|to|max(?:imum)?|bis zu|as much as)\s*$/i.test(before)) min = null;
  else if (b === null && (plus || /(?:from|starting (?:at|from)|at least|min(?:imum)?|ab|over|more than)\s*$/i.test(before))) max = null;
  const p = period ?? inferPeriod(a, b, currency);
  const salary = withAnnual({ min, max, currency, period: p });
  const score = (currency ? 3 : 0) + (period ? 2 : 0) + (kSuffix ? 1 : 0) + (keyword ? 2 : 0) + (b !== null ? 1 : 0);
  return { salary, score, index };
}

function periodOf(after: string, before: string): SalaryPeriod | null {
  for (const [p, re] of PERIOD_AFTER) if (re.test(after)) return p;
  const near = before.slice(-40);
  for (const [p, re] of PERIOD_NEAR) if (re.test(near)) return p;
  return null;
}

/** Without a stated period a five-figure amount is a yearly salary; smaller ones stay unknown. */
function inferPeriod(a: number, b: number | null, currency: string | null): SalaryPeriod | null {
  if (currency && HIGH_DENOMINATION.has(currency)) return null;
  return Math.max(a, b ?? 0) >= 10_000 ? 'year' : null;
}

/** Parses "120,000", "120.000", "120 000", "12,00,000", "1.5" with an optional k multiplier. */
export function toNumber(raw: string, mult = ''): number | null {
  let s = raw.replace(/[\s\u00a0\u202f'’]/g, '');
  if (/^\d{1,2}(?:,\d{2})+,\d{3}$/.test(s)) s = s.replace(/,/g, '');
  else if (/^\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?$/.test(s)) {
    const dec = /[.,](\d{1,2})$/.exec(s);
    const intPart = dec ? s.slice(0, dec.index) : s;
    s = intPart.replace(/[.,]/g, '') + (dec ? `.${dec[1]}` : '');
  } else s = s.replace(',', '.');
  const n = Number(s);
  return amount(/^(?:k|thousand)$/i.test(mult.trim()) ? Math.round(n * 1000) : n);
}

// No pay in any currency reaches a trillion units; a larger figure is not a salary, and one of
// 300 digits would annualise to Infinity.
const MAX_AMOUNT = 1e12;

function amount(n: number): number | null {
  return Number.isFinite(n) && n >= 0 && n <= MAX_AMOUNT ? n : null;
}

/** Fills annualMin/annualMax from min/max and the period. */
export function withAnnual(s: { min: number | null; max: number | null; currency: string | null; period: SalaryPeriod | null }): Salary {
  const f = s.period ? PER_YEAR[s.period] : null;
  const ann = (v: number | null): number | null => (v === null || f === null ? null : Math.round(v * f));
  return { ...s, annualMin: ann(s.min), annualMax: ann(s.max) };
}

const UNIT: Record<string, SalaryPeriod> = { HOUR: 'hour', DAY: 'day', WEEK: 'week', MONTH: 'month', YEAR: 'year' };

/** Maps a schema.org unitText ("YEAR", "per hour") to a period. */
export function periodFromUnit(unit: unknown): SalaryPeriod | null {
  if (typeof unit !== 'string') return null;
  const u = unit.trim().toUpperCase().replace(/^PER\s+/, '').replace(/LY$/, '').replace(/S$/, '');
  if (UNIT[u]) return UNIT[u];
  if (u === 'ANNUAL' || u === 'ANNUM' || u === 'YEAR' || u === 'P1Y') return 'year';
  if (u === 'DAI') return 'day';
  return null;
}

function num(v: unknown): number | null {
  if (typeof v === 'number') return amount(v);
  if (typeof v === 'string' && v.trim()) {
    const m = /\d[\d.,'\s]*/.exec(v);
    return m ? toNumber(m[0].trim(), /\dk\b/i.test(v) ? 'k' : '') : null;
  }
  return null;
}

/** Reads a schema.org baseSalary / estimatedSalary (MonetaryAmount, number or string). */
export function salaryFromStructured(base: unknown, salaryCurrency: unknown = null, country: string | null = null): Salary | null {
  if (base === null || base === undefined) return null;
  if (Array.isArray(base)) return salaryFromStructured(base[0], salaryCurrency, country);
  if (typeof base === 'number' || typeof base === 'string') {
    if (typeof base === 'string') {
      const fromText = parseSalaryText(base, { country });
      if (fromText) return fromText.currency ? fromText : { ...fromText, currency: normaliseCurrency(salaryCurrency) };
    }
    const v = num(base);
    if (v === null) return null;
    return withAnnual({ min: v, max: v, currency: normaliseCurrency(salaryCurrency), period: inferPeriod(v, null, null) });
  }
  if (typeof base !== 'object') return null;
  const o = base as Record<string, unknown>;
  const currency = normaliseCurrency(o.currency) ?? normaliseCurrency(salaryCurrency);
  let value = o.value;
  if (Array.isArray(value)) value = value[0];
  let min: number | null = null;
  let max: number | null = null;
  let period: SalaryPeriod | null = periodFromUnit(o.unitText);
  if (value && typeof value === 'object') {
    const q = value as Record<string, unknown>;
    min = num(q.minValue) ?? num(q.value);
    max = num(q.maxValue) ?? num(q.value);
    period = periodFromUnit(q.unitText) ?? period;
  } else {
    min = num(value) ?? num(o.minValue);
    max = num(value) ?? num(o.maxValue);
  }
  if (min === null && max === null) return null;
  // Some hiring systems write the range the wrong way round; it is still the same range.
  if (min !== null && max !== null && min > max) [min, max] = [max, min];
  period ??= inferPeriod(min ?? 0, max, currency);
  return withAnnual({ min, max, currency, period });
}
