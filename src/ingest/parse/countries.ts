// Country names to ISO 3166-1 alpha-2, built once from the ICU data Node ships (Intl.DisplayNames)
// in the languages postings are commonly written in, plus the abbreviations people write.

const LOCALES = ['en', 'de', 'fr', 'es', 'nl', 'it', 'pt', 'sv', 'pl'];
const NOT_COUNTRIES = new Set(['UK', 'FX', 'CS', 'YU', 'DD', 'SU', 'TP', 'ZR', 'BU', 'NT', 'AN', 'QU', 'EU', 'EZ', 'UN', 'ZZ', 'QO', 'XA', 'XB', 'AC', 'CP', 'DG', 'EA', 'IC', 'TA']);
const ALIASES: Record<string, string> = {
  usa: 'US', 'u.s.': 'US', 'u.s.a.': 'US', us: 'US', america: 'US', 'united states of america': 'US',
  uk: 'GB', 'u.k.': 'GB', britain: 'GB', 'great britain': 'GB', england: 'GB', scotland: 'GB', wales: 'GB',
  'northern ireland': 'GB', holland: 'NL', 'the netherlands': 'NL', uae: 'AE', 'south korea': 'KR', korea: 'KR',
  russia: 'RU', 'czech republic': 'CZ', czechia: 'CZ', 'türkiye': 'TR', turkey: 'TR', vietnam: 'VN',
  deutschland: 'DE', 'österreich': 'AT', schweiz: 'CH', suisse: 'CH', 'españa': 'ES', 'méxico': 'MX',
  brasil: 'BR', 'hong kong sar': 'HK', 'ivory coast': 'CI', 'republic of ireland': 'IE',
};
// Alpha-3 codes seen in feeds ("USA", "DEU"); only the common ones, to avoid clashing with words.
const ALPHA3: Record<string, string> = {
  USA: 'US', GBR: 'GB', DEU: 'DE', FRA: 'FR', ESP: 'ES', ITA: 'IT', NLD: 'NL', BEL: 'BE', CHE: 'CH', AUT: 'AT',
  SWE: 'SE', NOR: 'NO', DNK: 'DK', FIN: 'FI', IRL: 'IE', PRT: 'PT', POL: 'PL', CZE: 'CZ', CAN: 'CA', AUS: 'AU',
  NZL: 'NZ', IND: 'IN', JPN: 'JP', CHN: 'CN', SGP: 'SG', BRA: 'BR', MEX: 'MX', ARG: 'AR', ISR: 'IL', ZAF: 'ZA',
  ARE: 'AE', ROU: 'RO', UKR: 'UA', EST: 'EE', LTU: 'LT', LVA: 'LV', HUN: 'HU', GRC: 'GR', KOR: 'KR', PHL: 'PH',
};

let byName: Map<string, string> | null = null;
let codes: Set<string> | null = null;

function build(): void {
  byName = new Map();
  codes = new Set();
  const displays = LOCALES.map((l) => new Intl.DisplayNames([l], { type: 'region', fallback: 'none' }));
  for (let i = 0; i < 26; i++) {
    for (let j = 0; j < 26; j++) {
      const code = String.fromCharCode(65 + i, 65 + j);
      if (NOT_COUNTRIES.has(code)) continue;
      const en = displays[0]!.of(code);
      if (!en || en === code) continue;
      codes.add(code);
      for (const d of displays) {
        const name = d.of(code);
        // first code wins: "France" is FR, not the retired FX that some locales also name France
        if (name && !byName.has(name.toLowerCase())) byName.set(name.toLowerCase(), code);
      }
    }
  }
  for (const [k, v] of Object.entries(ALIASES)) byName.set(k, v);
}

/** ISO 3166-1 alpha-2 for a country name, alpha-2 or common alpha-3 code; null when unknown. */
export function countryCode(value: string): string | null {
  if (!byName) build();
  const v = value.trim().replace(/\.$/, '');
  if (!v) return null;
  if (/^[A-Z]{2}$/.test(v) && codes!.has(v)) return v === 'UK' ? 'GB' : v;
  if (v === 'UK') return 'GB';
  if (/^[A-Z]{3}$/.test(v)) return ALPHA3[v] ?? null;
  // "U.S." and "U.K." keep their last dot: the aliases are written with it
  return byName!.get(v.toLowerCase()) ?? byName!.get(`${v.toLowerCase()}.`) ?? null;
}

/** True when a code is a known alpha-2 country. */
export function isCountryCode(code: string): boolean {
  if (!codes) build();
  return codes!.has(code);
}
