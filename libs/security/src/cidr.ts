import { ipFamily, ipToBytes, IpFamily } from './ip-address';

export interface Cidr {
  network: string;
  prefix: number;
  family: IpFamily;
}

/**
 * Parses `10.0.0.0/8`, `::1/128` or a bare address (a single host).
 * Throws an error naming `source` when the value is malformed or has host bits set.
 */
export function parseCidr(value: string, source = 'CIDR'): Cidr {
  const text = value.trim();
  const [network, prefixText, ...extra] = text.split('/');
  const family = ipFamily(network);
  if (family === null || network.includes('%') || extra.length > 0) {
    throw new Error(`${source}: "${text}" is not a CIDR range (expected e.g. 127.0.0.0/8 or ::1/128)`);
  }
  const maxPrefix = family === 'ipv4' ? 32 : 128;
  const prefix = prefixText === undefined ? maxPrefix : Number(prefixText);
  if (prefixText !== undefined && (!/^\d{1,3}$/.test(prefixText) || prefix > maxPrefix)) {
    throw new Error(`${source}: "${text}" has an invalid prefix length (expected 0-${maxPrefix})`);
  }
  if (hasHostBits(network, prefix)) {
    throw new Error(`${source}: "${text}" has host bits set; write the network address (e.g. 127.0.0.0/8)`);
  }
  return { network: network.toLowerCase(), prefix, family };
}

/** Parses a comma-separated list; blank entries are ignored so a trailing comma is harmless. */
export function parseCidrList(value: string, source = 'CIDR list'): Cidr[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => parseCidr(entry, source));
}

export function formatCidr(cidr: Cidr): string {
  return `${cidr.network}/${cidr.prefix}`;
}

// An allowlist entry like 10.0.0.5/8 almost always means something other than 10.0.0.0/8.
function hasHostBits(network: string, prefix: number): boolean {
  const bytes = ipToBytes(network) ?? new Uint8Array();
  return bytes.some((byte, index) => {
    const networkBits = Math.min(Math.max(prefix - index * 8, 0), 8);
    const hostMask = 0xff >> networkBits;
    return (byte & hostMask) !== 0;
  });
}
