import { lookup as dnsLookup, LookupAddress, LookupAllOptions } from 'node:dns';
import { LookupFunction } from 'node:net';
import { BlockedAddressError } from './blocked-address.error';
import { ipFamily, stripIpLiteral } from './ip-address';

export interface AddressPolicy {
  isAddressAllowed(ip: string): boolean;
}

/** The `dns.lookup` overload the guard calls; injectable so tests needn't touch real DNS. */
export type ResolveAllAddresses = (
  hostname: string,
  options: LookupAllOptions,
  callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/**
 * A drop-in `lookup` for `net.connect` / undici that resolves every address and fails
 * with `EHOSTBLOCKED` if any is refused, so the socket only ever dials checked addresses.
 */
export function createGuardedLookup(
  policy: AddressPolicy,
  resolve: ResolveAllAddresses = dnsLookup,
): LookupFunction {
  return (hostname, options, callback) => {
    // Always resolve all: a mixed answer (public + private) is a DNS-rebinding tell.
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      const emptyAnswer = options.all ? [] : '';
      if (err !== null) {
        callback(err, emptyAnswer);
        return;
      }
      const blocked = addresses.find((entry) => !policy.isAddressAllowed(entry.address));
      if (blocked !== undefined) {
        callback(new BlockedAddressError(hostname, blocked.address), emptyAnswer);
        return;
      }
      const [first] = addresses;
      if (first === undefined) {
        callback(notFound(hostname), emptyAnswer);
        return;
      }
      if (options.all) {
        callback(null, addresses);
      } else {
        callback(null, first.address, first.family);
      }
    });
  };
}

/** `BlockedAddressError` for a refused IP-literal host, else `null`; lookups are skipped for literals. */
export function findBlockedConnectTarget(
  policy: AddressPolicy,
  hostname: string,
): BlockedAddressError | null {
  const address = stripIpLiteral(hostname);
  if (ipFamily(address) === null || policy.isAddressAllowed(address)) {
    return null;
  }
  return new BlockedAddressError(hostname, address);
}

/** Throws `BlockedAddressError` when `hostname` is an IP literal the policy refuses. */
export function checkConnectTarget(policy: AddressPolicy, hostname: string): void {
  const blocked = findBlockedConnectTarget(policy, hostname);
  if (blocked !== null) {
    throw blocked;
  }
}

function notFound(hostname: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
  error.code = 'ENOTFOUND';
  return error;
}
