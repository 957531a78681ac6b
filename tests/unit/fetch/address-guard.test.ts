import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { checkUrlHost, classifyAddress, createGuardedLookup, createHostAllowlist } from '../../../src/ingest/fetch/address-guard.ts';
import { BlockedAddressError } from '../../../src/ingest/fetch/errors.ts';

const nobody = createHostAllowlist([]);

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['0177.0.0.1', 'loopback'], // octal
    ['2130706433', 'loopback'], // decimal
    ['0x7f.1', 'loopback'], // hex, short
    ['0x7f000001', 'loopback'],
    ['127.1', 'loopback'], // short
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['0300.0250.0.1', 'private'], // 192.168.0.1 in octal
    ['169.254.1.1', 'link-local'],
    ['169.254.169.254', 'cloud-metadata'],
    ['169.254.170.2', 'cloud-metadata'],
    ['168.63.129.16', 'cloud-metadata'],
    ['100.100.100.200', 'cloud-metadata'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['224.0.0.1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fc00::1', 'unique-local (private IPv6)'],
    ['fd12:3456::1', 'unique-local (private IPv6)'],
    ['fd00:ec2::254', 'cloud-metadata'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'], // IPv6-mapped IPv4
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'cloud-metadata'],
    ['::ffff:10.0.0.1', 'private'],
    ['64:ff9b::7f00:1', 'loopback'], // NAT64 of 127.0.0.1
    ['2002:c0a8:0101::1', 'private'], // 6to4 of 192.168.1.1
    ['::7f00:1', 'non-global IPv6'], // deprecated IPv4-compatible
  ])('blocks %s (%s)', (address, reason) => {
    expect(classifyAddress(address)).toEqual({ blocked: true, reason });
  });

  it.each(['8.8.8.8', '93.184.216.34', '140.82.112.3', '2606:4700:4700::1111', '2a00:1450:4001:82b::200e', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1'])(
    'allows the public address %s',
    (address) => {
      expect(classifyAddress(address)).toEqual({ blocked: false });
    },
  );

  it('blocks text that is not an address at all', () => {
    expect(classifyAddress('example.com')).toEqual({ blocked: true, reason: 'unparseable' });
  });
});

describe('checkUrlHost on URL hostnames', () => {
  // WHATWG URL parsing normalises every IPv4 notation; the guard must see through all of them.
  it.each([
    'http://0177.0.0.1/',
    'http://2130706433/',
    'http://0x7f.1/',
    'http://0x7F.0.0.1/',
    'http://127.1/',
    'http://%31%32%37.0.0.1/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[0:0:0:0:0:ffff:7f00:1]/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[fd00:ec2::254]/',
  ])('blocks %s', (url) => {
    expect(checkUrlHost(new URL(url).hostname, nobody).blocked).toBe(true);
  });

  it('leaves host names to the connect-time check', () => {
    expect(checkUrlHost('boards.example.com', nobody)).toEqual({ blocked: false });
  });

  it('lets an allowlisted literal through, and only that one', () => {
    const allow = createHostAllowlist(['127.0.0.1']);
    expect(checkUrlHost(new URL('http://127.0.0.1:8080/').hostname, allow).blocked).toBe(false);
    expect(checkUrlHost(new URL('http://2130706433/').hostname, allow).blocked).toBe(false); // same address
    expect(checkUrlHost(new URL('http://127.0.0.2/').hostname, allow).blocked).toBe(true);
    expect(checkUrlHost(new URL('http://[::1]/').hostname, allow).blocked).toBe(true);
  });
});

describe('createHostAllowlist', () => {
  it('matches exact names, ignoring case, brackets and a trailing dot', () => {
    const allow = createHostAllowlist(['localhost', '::1']);
    expect(allow('LocalHost')).toBe(true);
    expect(allow('localhost.')).toBe(true);
    expect(allow('[::1]')).toBe(true);
    expect(allow('0:0:0:0:0:0:0:1')).toBe(true);
    expect(allow('127.0.0.1')).toBe(false);
    expect(allow('sub.localhost')).toBe(false);
  });

  it('allows nothing when empty', () => {
    expect(nobody('localhost')).toBe(false);
  });
});

describe('createGuardedLookup', () => {
  function resolverOf(addresses: LookupAddress[]) {
    return (_host: string, _o: unknown, cb: (err: NodeJS.ErrnoException | null, a: LookupAddress[]) => void) => cb(null, addresses);
  }
  function lookup(allow: (h: string) => boolean, addresses: LookupAddress[], all: boolean) {
    const guarded = createGuardedLookup(allow, resolverOf(addresses));
    return new Promise<{ err: Error | null; address: unknown; family?: number }>((resolve) =>
      guarded('jobs.example.com', { all }, (err, address, family) => resolve({ err, address, family })),
    );
  }

  it('passes public answers through, in both callback shapes', async () => {
    const answer = [{ address: '93.184.216.34', family: 4 }];
    expect(await lookup(nobody, answer, false)).toEqual({ err: null, address: '93.184.216.34', family: 4 });
    expect((await lookup(nobody, answer, true)).address).toEqual(answer);
  });

  it('refuses the whole answer when any address is internal (DNS rebinding, split answers)', async () => {
    const { err } = await lookup(nobody, [{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.5', family: 4 }], true);
    expect(err).toBeInstanceOf(BlockedAddressError);
    expect(err?.message).toContain('10.0.0.5');
  });

  it('refuses an IPv6-mapped loopback answer', async () => {
    const { err } = await lookup(nobody, [{ address: '::ffff:127.0.0.1', family: 6 }], false);
    expect(err).toBeInstanceOf(BlockedAddressError);
  });

  it('lets an allowlisted name resolve to anything', async () => {
    const allow = createHostAllowlist(['jobs.example.com']);
    expect((await lookup(allow, [{ address: '127.0.0.1', family: 4 }], false)).err).toBeNull();
  });
});
