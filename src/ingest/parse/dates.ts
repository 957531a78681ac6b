// Dates to ISO YYYY-MM-DD: ISO strings keep the date as written (no timezone shift), other
// common forms are read, and relative ones ("3 days ago") count back from the fetch time.

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
  januar: 1, februar: 2, märz: 3, mai: 5, juni: 6, juli: 7, oktober: 10, dezember: 12,
};
const UNIT_DAYS: Record<string, number> = { hour: 0, minute: 0, second: 0, day: 1, week: 7, month: 30, year: 365 };

// Postings are dated within these years; anything outside is a misreading (or a hostile page).
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

function iso(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < MIN_YEAR || y > MAX_YEAR) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return dt.toISOString().slice(0, 10);
}

/** The UTC date of an instant, or null when it is not a date or falls outside MIN_YEAR..MAX_YEAR. */
function isoFromMs(ms: number): string | null {
  const d = new Date(ms);
  // An invalid Date throws in toISOString ("999999999 days ago"), and years past 9999 are
  // written "+275760-09-13", which no date column takes.
  if (Number.isNaN(d.getTime()) || d.getUTCFullYear() < MIN_YEAR || d.getUTCFullYear() > MAX_YEAR) return null;
  return d.toISOString().slice(0, 10);
}

function daysBefore(at: Date, days: number): string | null {
  return isoFromMs(at.getTime() - days * 86_400_000);
}

/** Reads a date in ISO, "July 15, 2026", "15 Jul 2026", "07/15/2026" or relative form. */
export function toIsoDate(value: unknown, fetchedAt: Date = new Date()): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return isoFromMs(value > 1e11 ? value : value * 1000); // epoch millis or seconds
  }
  if (typeof value !== 'string') return null;
  const s = value.trim().toLowerCase();
  if (!s || s.length > 100) return null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(s) ?? /\b(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b/.exec(s);
  if (m) return iso(+m[1]!, +m[2]!, +m[3]!);
  m = /\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b/.exec(s);
  if (m) {
    const a = +m[1]!, b = +m[2]!, y = +m[3]!;
    // US order unless the first number cannot be a month; dots are day-first (European).
    return s.includes('.') || a > 12 ? iso(y, b, a) : iso(y, a, b);
  }
  m = /\b([a-zä]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/.exec(s);
  if (m && month(m[1]!)) return iso(+m[3]!, month(m[1]!)!, +m[2]!);
  m = /\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+([a-zä]{3,9})\.?,?\s+(\d{4})\b/.exec(s);
  if (m && month(m[2]!)) return iso(+m[3]!, month(m[2]!)!, +m[1]!);
  return relativeDate(s, fetchedAt);
}

function month(word: string): number | null {
  return MONTHS[word] ?? MONTHS[word.slice(0, 3)] ?? null;
}

/** "today", "yesterday", "3 days ago", "30+ days ago", "a week ago", "vor 2 Tagen". */
export function relativeDate(text: string, fetchedAt: Date): string | null {
  const s = text.toLowerCase();
  if (/\b(?:just now|today|heute|just posted)\b/.test(s)) return daysBefore(fetchedAt, 0);
  if (/\b(?:yesterday|gestern)\b/.test(s)) return daysBefore(fetchedAt, 1);
  const m = /\b(\d+|an?|one)\+?\s*(second|minute|hour|day|week|month|year)s?\s+ago\b/.exec(s);
  if (m) {
    const n = /^\d+$/.test(m[1]!) ? +m[1]! : 1;
    return daysBefore(fetchedAt, n * (UNIT_DAYS[m[2]!] ?? 0));
  }
  const de = /\bvor\s+(\d+|einem|einer)\s+(tag|woche|monat)(?:en|e)?\b/.exec(s);
  if (de) {
    const n = /^\d+$/.test(de[1]!) ? +de[1]! : 1;
    return daysBefore(fetchedAt, n * ({ tag: 1, woche: 7, monat: 30 }[de[2]!] ?? 1));
  }
  return null;
}
