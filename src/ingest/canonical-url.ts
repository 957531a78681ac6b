// One URL per posting: a re-submitted link (with other tracking parameters, a fragment, an
// upper-case host...) must map to the same string so the upsert finds the existing posting.

/**
 * Query parameters dropped as tracking noise (matched case-insensitively). Parameters that pick
 * the posting (gh_jid, jobId, id, vjk, ...) are everything not listed here, so they stay.
 * - campaign tags: utm_* (any suffix), mtm_* / pk_* (Matomo)
 * - ad click ids: gclid, gclsrc, dclid, gbraid, wbraid, fbclid, msclkid, yclid, twclid, ttclid, li_fat_id, igshid, epik
 * - e-mail tools: mc_cid, mc_eid (Mailchimp), _hsenc, _hsmi, __hstc, __hssc, __hsfp, hsctatracking (HubSpot), mkt_tok (Marketo), vero_id, vero_conv
 * - referral tags: ref, ref_src, referrer, referer, source, src, trk, trkinfo, trackingid, refid, gh_src (Greenhouse), lever-source, lever-origin (Lever)
 * - analytics: _ga, _gl, s_cid, cmpid, sc_cid, oly_anon_id, oly_enc_id, rb_clickid, wickedid, spm
 */
export const TRACKING_PARAMS: ReadonlySet<string> = new Set([
  'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'fbclid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'li_fat_id', 'igshid', 'epik',
  'mc_cid', 'mc_eid', '_hsenc', '_hsmi', '__hstc', '__hssc', '__hsfp', 'hsctatracking', 'mkt_tok', 'vero_id', 'vero_conv',
  'ref', 'ref_src', 'referrer', 'referer', 'source', 'src', 'trk', 'trkinfo', 'trackingid', 'refid', 'gh_src', 'lever-source', 'lever-origin',
  '_ga', '_gl', 's_cid', 'cmpid', 'sc_cid', 'oly_anon_id', 'oly_enc_id', 'rb_clickid', 'wickedid', 'spm',
]);

const TRACKING_PREFIXES = ['utm_', 'mtm_', 'pk_'];

/** A URL that cannot be canonicalised: not absolute, not http(s), or without a host. */
export class InvalidUrlError extends Error {
  override name = 'InvalidUrlError';
}

/** True when a query parameter name is a known tracker (see TRACKING_PARAMS). */
export function isTrackingParam(name: string): boolean {
  const n = name.toLowerCase();
  return TRACKING_PARAMS.has(n) || TRACKING_PREFIXES.some((p) => n.startsWith(p));
}

/**
 * Canonical form of an http(s) URL: lower-case scheme and host (IDN as punycode), no default
 * port, credentials, fragment or tracking parameters, remaining parameters sorted, no trailing
 * slash except for the root. Throws InvalidUrlError for anything else.
 */
export function canonicalizeUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw new InvalidUrlError(`not a valid absolute URL: ${JSON.stringify(url.slice(0, 200))}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new InvalidUrlError(`only http and https URLs are accepted, not ${u.protocol}`);
  }
  if (!u.hostname) throw new InvalidUrlError(`URL has no host: ${JSON.stringify(url.slice(0, 200))}`);
  // WHATWG URL parsing already lower-cases scheme and host, converts IDN to punycode and drops
  // default ports; the rest is ours.
  u.hash = '';
  u.username = '';
  u.password = '';
  if (u.hostname.endsWith('.')) u.hostname = u.hostname.slice(0, -1);
  u.pathname = normalizePath(u.pathname);
  const query = canonicalQuery(u.search);
  // The setter strips one leading "?", so give it ours: a query that itself starts with "?" survives.
  u.search = query ? `?${query}` : '';
  return u.href;
}

// Works on the raw "name=value" pairs so each keeps its original encoding ("?123" stays "?123",
// not "?123="): the canonical URL must still fetch the same page.
function canonicalQuery(search: string): string {
  const pairs = search
    .replace(/^\?/, '')
    .split('&')
    .filter((pair) => pair !== '' && !isTrackingParam(paramName(pair)));
  // Sort by name, then the whole pair, so the order a link was written in does not matter.
  pairs.sort((a, b) => compare(paramName(a), paramName(b)) || compare(a, b));
  return pairs.join('&');
}

function paramName(pair: string): string {
  const raw = pair.split('=', 1)[0] ?? '';
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// RFC 3986 6.2.2: upper-case percent escapes, decode escaped unreserved characters, and drop
// a trailing slash ("/jobs/" and "/jobs" name the same posting on every board we know).
function normalizePath(path: string): string {
  let p = path.replace(/%[0-9a-fA-F]{2}/g, (m) => {
    const ch = String.fromCharCode(parseInt(m.slice(1), 16));
    return /[A-Za-z0-9\-._~]/.test(ch) ? ch : m.toUpperCase();
  });
  while (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  return p || '/';
}
