// Locations from structured addresses and from text ("Berlin, Germany", "Austin, TX",
// "Remote (US)", "London, UK / New York, NY"): city, region, ISO country.
import type { Location } from '../../types.ts';
import { countryCode } from './countries.ts';
import { collapse } from './dom.ts';

const US_STATES: Record<string, string> = {
  AL: 'alabama', AK: 'alaska', AZ: 'arizona', AR: 'arkansas', CA: 'california', CO: 'colorado', CT: 'connecticut',
  DE: 'delaware', DC: 'district of columbia', FL: 'florida', GA: 'georgia', HI: 'hawaii', ID: 'idaho', IL: 'illinois',
  IN: 'indiana', IA: 'iowa', KS: 'kansas', KY: 'kentucky', LA: 'louisiana', ME: 'maine', MD: 'maryland',
  MA: 'massachusetts', MI: 'michigan', MN: 'minnesota', MS: 'mississippi', MO: 'missouri', MT: 'montana',
  NE: 'nebraska', NV: 'nevada', NH: 'new hampshire', NJ: 'new jersey', NM: 'new mexico', NY: 'new york',
  NC: 'north carolina', ND: 'north dakota', OH: 'ohio', OK: 'oklahoma', OR: 'oregon', PA: 'pennsylvania',
  RI: 'rhode island', SC: 'south carolina', SD: 'south dakota', TN: 'tennessee', TX: 'texas', UT: 'utah',
  VT: 'vermont', VA: 'virginia', WA: 'washington', WV: 'west virginia', WI: 'wisconsin', WY: 'wyoming',
};
const US_STATE_NAMES = new Set(Object.values(US_STATES));
const CA_PROVINCES = new Set(['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT',
  'alberta', 'british columbia', 'manitoba', 'new brunswick', 'newfoundland and labrador', 'nova scotia', 'ontario',
  'prince edward island', 'quebec', 'québec', 'saskatchewan']);
// State and province names that are also the usual name of a city, read as the city when alone.
const CITY_NAMED_REGIONS = new Set(['new york', 'washington', 'quebec', 'québec']);
// Georgia is a US state and a country: after a city it is the state, unless the city is the country's.
const GEORGIAN_CITIES = /^(?:tbilisi|batumi|kutaisi|rustavi)$/i;
const AREAS = /^(?:europe|emea|apac|latam|americas|north america|south america|asia|africa|oceania|worldwide|world|anywhere|global|eu|european union|nordics|dach|benelux|cet|est|pst|utc[+-]?\d*|multiple locations|various locations)$/i;
const UK_NATIONS = /^(?:england|scotland|wales|northern ireland)$/i;
// The words after a workplace word ("remote job", "remote from") are no place either; each
// must end at a word break, or "Remote from Indianapolis" would leave "dianapolis".
const WORKPLACE_WORDS = /\b(?:fully |100% )?(?:remote|hybrid|on-?site|in[- ]office|work from home|wfh|telecommute|anywhere in)\b(?:\s*(?:-|–|:|(?:within|in|from|only|first|friendly|based|job|role|position)\b))*/gi;

/** Builds a Location from its parts, inferring nothing but US/CA from a state or province. */
export function makeLocation(raw: string, city: string | null, region: string | null, country: string | null): Location {
  let c = country ? countryCode(country) ?? null : null;
  let r = region ? region.trim() || null : null;
  // Teamtailor writes a continent or the country's own name as addressRegion: neither is a region
  // (England, Scotland... also read as GB, but are real regions of it)
  if (r && (AREAS.test(r) || (c && countryCode(r) === c && !UK_NATIONS.test(r)))) r = null;
  if (!c && r) {
    const code = r.replaceAll('.', ''); // "D.C."
    if (US_STATES[code.toUpperCase()] && /^[A-Z]{2}$/.test(code)) c = 'US';
    else if (US_STATE_NAMES.has(r.toLowerCase())) c = 'US';
    else if (CA_PROVINCES.has(r) || CA_PROVINCES.has(r.toLowerCase())) c = 'CA';
  }
  return { raw: collapse(raw), city: city?.trim() || null, region: r, country: c };
}

/** Parses one location string; null when nothing place-like remains. */
export function parseLocationText(raw: string): Location | null {
  const text = collapse(raw);
  if (!text) return null;
  const stripped = collapse(text.replace(WORKPLACE_WORDS, ' ').replace(/[()[\]]/g, ' ').replace(/^[\s,;:–-]+|[\s,;:–-]+$/g, ''));
  if (!stripped) return null;
  // iCIMS writes "US-CA-San Diego" (country-region-city)
  const icims = /^([A-Z]{2})-([A-Z0-9]{1,3})-(.+)$/.exec(stripped);
  if (icims && countryCode(icims[1]!)) return makeLocation(text, icims[3]!, icims[2]!, icims[1]!);
  const parts = stripped.split(/\s*,\s*/).filter(Boolean);
  if (parts.length === 1) {
    const p = parts[0]!;
    const bare = p.replace(/^the\s+/i, ''); // "(anywhere in) the U.S.", "the world"
    if (AREAS.test(bare)) return { raw: text, city: null, region: null, country: null };
    const cc = countryCode(p) ?? countryCode(bare);
    if (cc) return { raw: text, city: null, region: null, country: cc };
    const cityState = /^(.+?)\s+([A-Z]{2})$/.exec(p); // "Kirkland WA"
    if (cityState && US_STATES[cityState[2]!]) return makeLocation(text, cityState[1]!, cityState[2]!, null);
    if (namesRegion(p, null)) return makeLocation(text, null, p, null); // "Remote - Texas"
    return makeLocation(text, p, null, null);
  }
  const last = parts[parts.length - 1]!;
  const cc = countryCode(last);
  const isRegion = (s: string): boolean => Boolean(US_STATES[s] || US_STATE_NAMES.has(s.toLowerCase()) || CA_PROVINCES.has(s));
  if (parts.length === 2 && cc && namesRegion(parts[0]!, cc)) return makeLocation(text, null, parts[0]!, cc); // "Ontario, Canada"
  if (parts.length === 2 && cc && US_STATE_NAMES.has(last.toLowerCase()) && !GEORGIAN_CITIES.test(parts[0]!)) {
    return makeLocation(text, parts[0]!, last, null); // "Atlanta, Georgia"
  }
  if (cc && !(parts.length === 2 && isRegion(last) && last.length === 2 && last !== 'UK')) {
    const city = parts.length >= 3 ? parts[0]! : parts[0]!;
    const region = parts.length >= 3 ? parts[parts.length - 2]! : null;
    // another country's name in the region's place means a list ("Germany, France, Spain"): keep
    // the last country rather than invent a city and region (codes like BY are often regions)
    const listed = region && region.length > 3 && !isRegion(region) ? countryCode(region) : null;
    if (listed && listed !== cc) return makeLocation(text, null, null, cc);
    return makeLocation(text, AREAS.test(city) ? null : city, region, cc);
  }
  return makeLocation(text, parts[0]!, parts.length >= 2 ? parts[1]! : null, null);
}

/** True when a place's name is a US state or Canadian province (of country, when given) rather than a city. */
function namesRegion(name: string, country: string | null): boolean {
  const n = name.toLowerCase();
  if (CITY_NAMED_REGIONS.has(n)) return false;
  if (US_STATE_NAMES.has(n)) return country === null || country === 'US';
  return n.length > 2 && CA_PROVINCES.has(n) && (country === null || country === 'CA');
}

/** Splits text naming several places ("London / Berlin; Remote (US)") and parses each. */
export function parseLocations(raw: string): Location[] {
  const out: Location[] = [];
  for (const part of raw.split(/\s*(?:;|\||\n|•|\s\/\s|\bor\b|\band\b|·)\s*/)) {
    const loc = parseLocationText(part);
    if (loc && (loc.city || loc.region || loc.country || loc.raw)) out.push(loc);
  }
  return out.slice(0, 50);
}

function str(v: unknown): string | null {
  if (typeof v === 'string') return collapse(v) || null;
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    return str(o.name) ?? str(o.identifier) ?? null;
  }
  if (Array.isArray(v)) return str(v[0]);
  return null;
}

/** Reads a schema.org Place / PostalAddress / plain string into a Location. */
export function locationFromPlace(place: unknown): Location | null {
  if (!place) return null;
  if (typeof place === 'string') return parseLocationText(place);
  if (typeof place !== 'object' || Array.isArray(place)) return null;
  const p = place as Record<string, unknown>;
  const address = p.address ?? (p['@type'] === 'PostalAddress' ? p : null);
  if (typeof address === 'string') return parseLocationText(address);
  if (address && typeof address === 'object') {
    const a = (Array.isArray(address) ? address[0] : address) as Record<string, unknown>;
    const city = str(a.addressLocality);
    const region = str(a.addressRegion);
    const country = str(a.addressCountry);
    if (city || region || country) {
      const raw = [city, region, country].filter(Boolean).join(', ');
      const loc = makeLocation(raw, city, region, country);
      return loc;
    }
  }
  const name = str(p.name);
  return name ? parseLocationText(name) : null;
}
