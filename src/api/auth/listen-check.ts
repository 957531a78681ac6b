import ipaddr from 'ipaddr.js';
import { ConfigError } from '../../config.ts';

/** Whether HOST only accepts connections from this machine (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h.endsWith('.localhost')) return true; // RFC 6761: always loopback
  if (!ipaddr.isValid(h)) return false; // any other name may resolve to a public address
  return ipaddr.process(h).range() === 'loopback';
}

/** AUTH_ENABLED as set, or by default on exactly when HOST is reachable from other machines. */
export function authEnabled(config: { HOST: string; AUTH_ENABLED?: boolean | undefined }): boolean {
  return config.AUTH_ENABLED ?? !isLoopbackHost(config.HOST);
}

/** Throws when the API would listen beyond loopback with auth off: anyone could then change feeds and queues. */
export function assertSafeListen(config: { HOST: string; AUTH_ENABLED?: boolean | undefined }): void {
  if (authEnabled(config) || isLoopbackHost(config.HOST)) return;
  throw new ConfigError(
    `refusing to listen on HOST=${config.HOST} with AUTH_ENABLED=false: that address is reachable from other machines. ` +
      'Set AUTH_ENABLED=true (and create keys with `roleradar keys create`) or HOST=127.0.0.1.',
  );
}
