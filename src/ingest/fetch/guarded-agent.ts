import { Agent, buildConnector } from 'undici';
import { classifyAddress, createGuardedLookup } from './address-guard.ts';
import { BlockedAddressError } from './errors.ts';

// undici Agent whose sockets can only reach allowed addresses. Two layers: the DNS lookup
// refuses forbidden answers before connecting, and the connector checks the peer address of the
// connected socket (this also covers IP literals, for which Node skips the lookup).

export interface GuardedAgentOptions {
  isAllowed: (host: string) => boolean;
  connectTimeoutMs: number;
  /** time to wait for response headers, and between two body chunks */
  readTimeoutMs: number;
  /** sockets per origin inside this process; politeness across processes is separate */
  connectionsPerOrigin?: number;
}

/** Wraps an undici connector so a socket whose peer address is forbidden is destroyed, not used. */
export function createGuardedConnector(isAllowed: (host: string) => boolean, connectTimeoutMs: number): buildConnector.connector {
  const base = buildConnector({ timeout: connectTimeoutMs, lookup: createGuardedLookup(isAllowed) });
  return (options, callback) => {
    base(options, (err, socket) => {
      if (err || !socket) return callback(err ?? new Error('connect failed'), null);
      if (isAllowed(options.hostname)) return callback(null, socket);
      const peer = socket.remoteAddress ?? '';
      const verdict = classifyAddress(peer);
      if (!verdict.blocked) return callback(null, socket);
      socket.destroy();
      return callback(new BlockedAddressError(options.hostname, peer || '(unknown)', verdict.reason), null);
    });
  };
}

/** Creates the HTTP agent the fetcher sends every request through. */
export function createGuardedAgent(o: GuardedAgentOptions): Agent {
  return new Agent({
    connect: createGuardedConnector(o.isAllowed, o.connectTimeoutMs),
    headersTimeout: o.readTimeoutMs,
    bodyTimeout: o.readTimeoutMs,
    connections: o.connectionsPerOrigin ?? 8,
    keepAliveTimeout: 4_000,
  });
}
