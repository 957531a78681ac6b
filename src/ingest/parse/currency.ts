// Currency markers to ISO 4217. A bare "$", "kr" or "¥" is read with the posting's country
// when one is known (a "$" salary in Canada is CAD); otherwise "$" is USD by convention, and
// "kr" stays unknown rather than guessed.

/** ISO 4217 codes the parser accepts when written out ("80-100k EUR"). */
export const ISO_CODES = new Set(['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'NZD', 'CHF', 'SEK', 'NOK', 'DKK', 'ISK',
  'PLN', 'CZK', 'HUF', 'RON', 'BGN', 'JPY', 'CNY', 'HKD', 'SGD', 'TWD', 'INR', 'KRW', 'BRL', 'MXN', 'ARS',
  'CLP', 'COP', 'PEN', 'ZAR', 'ILS', 'AED', 'SAR', 'QAR', 'TRY', 'RUB', 'UAH', 'PHP', 'IDR', 'MYR', 'THB',
  'VND', 'NGN', 'KES', 'EGP', 'PKR', 'BDT', 'LKR', 'RSD', 'GEL', 'MAD']);

const SYMBOLS: Record<string, string> = {
  'US$': 'USD', 'C$': 'CAD', 'CA$': 'CAD', 'A$': 'AUD', 'AU$': 'AUD', 'NZ$': 'NZD', 'S$': 'SGD', 'SG$': 'SGD',
  'HK$': 'HKD', 'MX$': 'MXN', 'R$': 'BRL', '£': 'GBP', '€': 'EUR', '₹': 'INR', '₩': 'KRW', '₽': 'RUB',
  '₺': 'TRY', '₪': 'ILS', '₱': 'PHP', '₦': 'NGN', 'zł': 'PLN', 'Kč': 'CZK', 'Ft': 'HUF', 'Fr.': 'CHF',
  'euro': 'EUR', 'euros': 'EUR', 'pounds': 'GBP', 'pound': 'GBP', 'rupees': 'INR',
};
const DOLLAR_COUNTRY: Record<string, string> = { US: 'USD', CA: 'CAD', AU: 'AUD', NZ: 'NZD', SG: 'SGD', HK: 'HKD', MX: 'MXN' };
const KRONA_COUNTRY: Record<string, string> = { SE: 'SEK', NO: 'NOK', DK: 'DKK', IS: 'ISK' };

const MARKERS = [...Object.keys(SYMBOLS), '$', '¥', 'kr', 'dollars', 'dollar', ...ISO_CODES];

/** The longest currency marker, in UTF-16 units. */
export const MARKER_MAX_LENGTH = Math.max(...MARKERS.map((m) => m.length));

/** The UTF-16 units a currency marker can start with. */
export const MARKER_FIRST_UNITS: ReadonlySet<number> = new Set(MARKERS.map((m) => m.charCodeAt(0)));

/** Regex source matching any currency marker the parser knows (longest first). */
export const CURRENCY_PATTERN = [...MARKERS]
  .sort((a, b) => b.length - a.length)
  .map((s) => s.replace(/[$.]/g, '\\$&'))
  .join('|');

/** Maps a currency marker to ISO 4217, or null when it is ambiguous without a country. */
export function currencyFromMarker(marker: string, country: string | null = null): string | null {
  const m = marker.trim();
  const up = m.toUpperCase();
  if (ISO_CODES.has(up) && m === up) return up;
  const sym = SYMBOLS[m] ?? SYMBOLS[m.toLowerCase()];
  if (sym) return sym;
  if (m === '$' || /^dollars?$/i.test(m)) return (country && DOLLAR_COUNTRY[country]) || 'USD';
  if (m === '¥') return country === 'CN' ? 'CNY' : 'JPY';
  if (/^kr\.?$/i.test(m)) return (country && KRONA_COUNTRY[country]) || null;
  return null;
}

// Every ISO 4217 code the runtime's ICU knows, so structured data may name currencies the text
// parser does not look for (KZT, VES); three letters that are no currency ("DOE", "TBD") are not one.
const KNOWN_CODES = new Set<string>([...ISO_CODES, ...Intl.supportedValuesOf('currency')]);

/** Normalises a structured-data currency value ("usd", "€") to ISO 4217, or null. */
export function normaliseCurrency(value: unknown): string | null {
  if (typeof value !== 'string' || !value.trim()) return null;
  const v = value.trim();
  if (/^[A-Za-z]{3}$/.test(v)) return KNOWN_CODES.has(v.toUpperCase()) ? v.toUpperCase() : null;
  return currencyFromMarker(v);
}
