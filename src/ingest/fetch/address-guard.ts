import dns from 'node:dns';
import type { LookupAddress, LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { BlockedAddressError } from './errors.ts';

// The SSRF guard: pure checks on addresses plus the DNS lookup the sockets use, so the address
// that is validated is the address that is connected to (no window for DNS rebinding).

export type AddressVerdict = { blocked: false } | { blocked: true; reason: string };

const OK: AddressVerdict = { blocked: false };

// Cloud metadata and host-agent endpoints that sit on otherwise routable addresses, or that we
// want named in the error even where a range check would catch them anyway.
const METADATA_ADDRESSES = new Map<string, string>([
  ['169.254.169.254', 'cloud-metadata'], // AWS, GCP, Azure, OpenStack, DigitalOcean, Oracle
  ['169.254.170.2', 'cloud-metadata'], // AWS ECS task metadata
  ['168.63.129.16', 'cloud-metadata'], // Azure WireServer: public-looking, reachable only from inside
  ['100.100.100.200', 'cloud-metadata'], // Alibaba Cloud
  ['fd00:ec2::254', 'cloud-metadata'], // AWS IMDS over IPv6
]);

const RANGE_NAMES: Record<string, string> = {
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  multicast: 'multicast',
  linkLocal: 'link-local',
  loopback: 'loopback',
  carrierGradeNat: 'carrier-grade NAT',
  private: 'private',
  uniqueLocal: 'unique-local (private IPv6)',
  deprecatedSiteLocal: 'site-local',
};

/** Strips IPv6 brackets, a zone id and a trailing dot, and lower-cases a URL hostname. */
export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  const zone = h.indexOf('%');
  if (zone >= 0 && h.includes(':')) h = h.slice(0, zone);
  if (h.endsWith('.')) h = h.slice(0, -1);
  return h;
}

/** True when the text is an IP address in any notation ipaddr.js accepts (127.1, 0x7f.1, 2130706433, ::1 ...). */
export function isIpLiteral(host: string): boolean {
  return ipaddr.isValid(normalizeHost(host));
}

/** Decides whether connecting to this IP address (any notation) could reach something internal. */
export function classifyAddress(address: string): AddressVerdict {
  const text = normalizeHost(address);
  if (!ipaddr.isValid(text)) return { blocked: true, reason: 'unparseable' };
  return classifyParsed(ipaddr.parse(text));
}

function classifyParsed(addr: ipaddr.IPv4 | ipaddr.IPv6): AddressVerdict {
  const metadata = METADATA_ADDRESSES.get(addr.toString());
  if (metadata) return { blocked: true, reason: metadata };
  if (addr.kind() === 'ipv4') {
    const range = addr.range();
    return range === 'unicast' ? OK : { blocked: true, reason: RANGE_NAMES[range] ?? `reserved (${range})` };
  }
  return classifyIpv6(addr as ipaddr.IPv6);
}

function classifyIpv6(addr: ipaddr.IPv6): AddressVerdict {
  const range = addr.range();
  // Addresses that carry an IPv4 address inside: judge the embedded one.
  if (range === 'ipv4Mapped') return classifyParsed(addr.toIPv4Address());
  const parts = addr.parts;
  if (range === 'rfc6052') return classifyParsed(ipv4FromWords(parts[6] ?? 0, parts[7] ?? 0));
  if (range === '6to4') return classifyParsed(ipv4FromWords(parts[1] ?? 0, parts[2] ?? 0));
  if (range !== 'unicast') return { blocked: true, reason: RANGE_NAMES[range] ?? `reserved IPv6 (${range})` };
  // Only global unicast (2000::/3) is routable on the internet; the rest (e.g. the deprecated
  // IPv4-compatible ::a.b.c.d) has no business being fetched.
  const first = parts[0] ?? 0;
  if ((first & 0xe000) !== 0x2000) return { blocked: true, reason: 'non-global IPv6' };
  return OK;
}

function ipv4FromWords(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

/** Builds the allowlist matcher: exact host names or IPs (any notation), nothing wider. */
export function createHostAllowlist(allowHosts: readonly string[]): (host: string) => boolean {
  const allowed = new Set(allowHosts.map(canonicalHostKey));
  return (host) => allowed.size > 0 && allowed.has(canonicalHostKey(host));
}

function canonicalHostKey(host: string): string {
  const h = normalizeHost(host);
  return ipaddr.isValid(h) ? ipaddr.parse(h).toNormalizedString() : h;
}

/** Checks a URL's host before any connection: IP literals are judged here, names at connect time. */
export function checkUrlHost(hostname: string, isAllowed: (host: string) => boolean): AddressVerdict {
  if (isAllowed(hostname)) return OK;
  return isIpLiteral(hostname) ? classifyAddress(hostname) : OK;
}

type Resolve = (hostname: string, options: LookupOptions & { all: true }, cb: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

/**
 * A `lookup` for net/tls sockets that refuses the whole answer when any address is forbidden,
 * unless the host name itself is allowlisted. `resolve` is injectable for tests.
 */
export function createGuardedLookup(isAllowed: (host: string) => boolean, resolve: Resolve = dns.lookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', undefined);
      if (!isAllowed(hostname)) {
        for (const a of addresses) {
          const verdict = classifyAddress(a.address);
          if (verdict.blocked) return callback(new BlockedAddressError(hostname, a.address, verdict.reason), '', undefined);
        }
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', undefined);
      return callback(null, first.address, first.family);
    });
  };
}
