import { isIP } from 'node:net';

export type IpFamily = 'ipv4' | 'ipv6';

/** Removes URL brackets (`[::1]`) and a zone id (`fe80::1%eth0`), which `net.isIP` and `BlockList` don't expect. */
export function stripIpLiteral(host: string): string {
  const unbracketed = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const zoneAt = unbracketed.indexOf('%');
  return zoneAt === -1 ? unbracketed : unbracketed.slice(0, zoneAt);
}

export function ipFamily(address: string): IpFamily | null {
  switch (isIP(address)) {
    case 4:
      return 'ipv4';
    case 6:
      return 'ipv6';
    default:
      return null;
  }
}

/** Network-order bytes of a valid IPv4 or IPv6 literal; `null` for anything else. */
export function ipToBytes(address: string): Uint8Array | null {
  switch (ipFamily(address)) {
    case 'ipv4':
      return Uint8Array.from(address.split('.').map(Number));
    case 'ipv6':
      return ipv6ToBytes(address);
    case null:
      return null;
  }
}

export function bytesToIpv4(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 4)).join('.');
}

function ipv6ToBytes(address: string): Uint8Array {
  const groups = expandIpv6Groups(withHexTail(address.toLowerCase()));
  const bytes = new Uint8Array(16);
  groups.forEach((group, index) => {
    const value = parseInt(group, 16);
    bytes[index * 2] = value >> 8;
    bytes[index * 2 + 1] = value & 0xff;
  });
  return bytes;
}

/** Rewrites a trailing dotted quad (`::ffff:1.2.3.4`) as two hex groups. */
function withHexTail(address: string): string {
  const lastColon = address.lastIndexOf(':');
  const tail = address.slice(lastColon + 1);
  if (!tail.includes('.')) {
    return address;
  }
  const [a, b, c, d] = tail.split('.').map(Number);
  const high = ((a << 8) | b).toString(16);
  const low = ((c << 8) | d).toString(16);
  return `${address.slice(0, lastColon + 1)}${high}:${low}`;
}

function expandIpv6Groups(address: string): string[] {
  const gapAt = address.indexOf('::');
  if (gapAt === -1) {
    return address.split(':');
  }
  const head = splitGroups(address.slice(0, gapAt));
  const tail = splitGroups(address.slice(gapAt + 2));
  const zeros = new Array<string>(8 - head.length - tail.length).fill('0');
  return [...head, ...zeros, ...tail];
}

function splitGroups(part: string): string[] {
  return part === '' ? [] : part.split(':');
}
