import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import { errors, type buildConnector } from 'undici';
import type { EgressProxy } from './egress-proxy';
import {
  createGuardedLookup,
  findBlockedConnectTarget,
  type AddressPolicy,
  type ResolveAllAddresses,
} from './guarded-lookup';
import { stripIpLiteral } from './ip-address';

export interface TunnelingConnectorOptions {
  /** Bounds the whole connect: DNS, proxy, CONNECT and the TLS handshake. */
  timeout: number;
  /** Client certificate, key and CA for the destination's TLS (never for the proxy). */
  tls?: Pick<ConnectionOptions, 'cert' | 'key' | 'ca'>;
  resolve?: ResolveAllAddresses;
}

/** The most a proxy's answer to CONNECT may hold before its blank line. */
const MAX_CONNECT_RESPONSE_BYTES = 16_384;

/**
 * An undici connector that reaches every destination through an HTTP CONNECT proxy. The guard still
 * applies to the destination: its name is resolved here and each address checked, and the tunnel is
 * opened to the checked address, so the proxy never resolves it again (no rebinding in between).
 * TLS runs end to end inside the tunnel, with SNI and certificate verification against the host name.
 */
export function createTunnelingConnector(
  policy: AddressPolicy,
  proxy: EgressProxy,
  { timeout, tls = {}, resolve = dnsLookup }: TunnelingConnectorOptions,
): buildConnector.connector {
  const lookup = createGuardedLookup(policy, resolve);
  return (target, callback) => {
    let settled = false;
    let socket: Socket | null = null;
    const finish = (error: Error | null, connected: Socket | null) => {
      if (settled) {
        return;
      }
      settled = true;
      clearTimeout(timer);
      if (error !== null || connected === null) {
        socket?.destroy();
        callback(error ?? new Error('connect ended without a socket'), null);
      } else {
        callback(null, connected);
      }
    };
    const timer = setTimeout(
      () => finish(new errors.ConnectTimeoutError(`connect through ${proxy.display} timed out`), null),
      timeout,
    );
    const hostname = stripIpLiteral(target.hostname);
    const port = Number(target.port || (target.protocol === 'https:' ? 443 : 80));
    resolveDestination(policy, lookup, hostname, (lookupError, address) => {
      if (lookupError !== null || settled) {
        finish(lookupError, null);
        return;
      }
      socket = netConnect({ host: proxy.host, port: proxy.port });
      socket.once('error', (error) => finish(error, null));
      socket.once('connect', () => {
        const authority = isIP(address) === 6 ? `[${address}]:${port}` : `${address}:${port}`;
        const authorization =
          proxy.authorization === null ? '' : `Proxy-Authorization: ${proxy.authorization}\r\n`;
        socket!.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n${authorization}\r\n`);
        readConnectResponse(socket!, proxy, authority, (tunnelError) => {
          if (tunnelError !== null) {
            finish(tunnelError, null);
            return;
          }
          if (target.protocol !== 'https:') {
            socket!.removeAllListeners('error');
            finish(null, socket);
            return;
          }
          const secure = tlsConnect({
            ...tls,
            socket: socket!,
            // Verified against the host name, as without a proxy; SNI only carries names.
            host: hostname,
            servername: isIP(hostname) === 0 ? hostname : undefined,
            ALPNProtocols: ['http/1.1'],
          });
          socket = secure;
          secure.once('error', (error: Error) => finish(error, null));
          secure.once('secureConnect', () => {
            secure.removeAllListeners('error');
            finish(null, secure);
          });
        });
      });
    });
  };
}

type Resolved = (error: Error | null, address: string) => void;

function resolveDestination(
  policy: AddressPolicy,
  lookup: ReturnType<typeof createGuardedLookup>,
  hostname: string,
  done: Resolved,
): void {
  if (isIP(hostname) !== 0) {
    done(findBlockedConnectTarget(policy, hostname), hostname);
    return;
  }
  lookup(hostname, { all: true }, (error, addresses) => {
    const first = (addresses as LookupAddress[] | undefined)?.[0];
    done(error ?? null, first?.address ?? '');
  });
}

/** Reads the proxy's answer up to its blank line; anything after it is the tunnel's and goes back. */
function readConnectResponse(
  socket: Socket,
  proxy: EgressProxy,
  authority: string,
  done: (error: Error | null) => void,
): void {
  let head = Buffer.alloc(0);
  const onData = (chunk: Buffer) => {
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end === -1) {
      if (head.length > MAX_CONNECT_RESPONSE_BYTES) {
        stop();
        done(proxyError(`egress proxy ${proxy.display} sent an oversized answer to CONNECT`));
      }
      return;
    }
    stop();
    const rest = head.subarray(end + 4);
    if (rest.length > 0) {
      socket.unshift(rest);
    }
    const status = /^HTTP\/1\.[01] (\d{3})/.exec(head.subarray(0, end).toString('latin1'))?.[1];
    if (status === undefined || !status.startsWith('2')) {
      done(
        proxyError(`egress proxy ${proxy.display} answered ${status ?? 'garbage'} to CONNECT ${authority}`),
      );
      return;
    }
    done(null);
  };
  const onEnd = () => {
    stop();
    done(proxyError(`egress proxy ${proxy.display} closed the connection before answering CONNECT`));
  };
  const stop = () => {
    socket.off('data', onData);
    socket.off('end', onEnd);
    socket.pause();
  };
  socket.on('data', onData);
  socket.on('end', onEnd);
}

function proxyError(message: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(message);
  error.code = 'EPROXY';
  return error;
}
