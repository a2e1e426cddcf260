import { BlockList } from 'node:net';
import { bytesToIpv4, ipFamily, ipToBytes, IpFamily, stripIpLiteral } from './ip-address';

/** Special-purpose ranges (IANA registries) that are not public unicast destinations. */
const NON_PUBLIC_RANGES: ReadonlyArray<readonly [string, number, IpFamily]> = [
  ['0.0.0.0', 8, 'ipv4'], // "this network"
  ['10.0.0.0', 8, 'ipv4'], // private
  ['100.64.0.0', 10, 'ipv4'], // carrier-grade NAT
  ['127.0.0.0', 8, 'ipv4'], // loopback
  ['169.254.0.0', 16, 'ipv4'], // link-local, incl. cloud metadata 169.254.169.254
  ['172.16.0.0', 12, 'ipv4'], // private
  ['192.0.0.0', 24, 'ipv4'], // IETF protocol assignments
  ['192.0.2.0', 24, 'ipv4'], // documentation TEST-NET-1
  ['192.88.99.0', 24, 'ipv4'], // deprecated 6to4 relay anycast
  ['192.168.0.0', 16, 'ipv4'], // private
  ['198.18.0.0', 15, 'ipv4'], // benchmarking
  ['198.51.100.0', 24, 'ipv4'], // documentation TEST-NET-2
  ['203.0.113.0', 24, 'ipv4'], // documentation TEST-NET-3
  ['224.0.0.0', 4, 'ipv4'], // multicast
  ['240.0.0.0', 4, 'ipv4'], // reserved, incl. broadcast 255.255.255.255
  ['::', 128, 'ipv6'], // unspecified
  ['::1', 128, 'ipv6'], // loopback
  ['::', 96, 'ipv6'], // deprecated IPv4-compatible
  ['64:ff9b:1::', 48, 'ipv6'], // local-use NAT64
  ['100::', 64, 'ipv6'], // discard-only
  ['2001::', 23, 'ipv6'], // IETF protocol assignments, incl. Teredo
  ['2001:db8::', 32, 'ipv6'], // documentation
  ['3fff::', 20, 'ipv6'], // documentation
  ['5f00::', 16, 'ipv6'], // SRv6 SIDs
  ['fc00::', 7, 'ipv6'], // unique local
  ['fe80::', 10, 'ipv6'], // link-local
  ['fec0::', 10, 'ipv6'], // deprecated site-local
  ['ff00::', 8, 'ipv6'], // multicast
];

const nonPublicRanges = new BlockList();
for (const [network, prefix, family] of NON_PUBLIC_RANGES) {
  nonPublicRanges.addSubnet(network, prefix, family);
}

/**
 * True when `ip` is not a public unicast address: loopback, private, link-local,
 * metadata, multicast, reserved, documentation, or an IPv6 form embedding such an IPv4.
 * Anything that isn't an IP literal counts as private so callers fail closed.
 */
export function isPrivateAddress(ip: string): boolean {
  const address = stripIpLiteral(ip);
  const family = ipFamily(address);
  if (family === null) {
    return true;
  }
  if (family === 'ipv6') {
    const embedded = embeddedIpv4(address);
    if (embedded !== null) {
      return isPrivateAddress(embedded);
    }
  }
  return nonPublicRanges.check(address, family);
}

/** The IPv4 a packet to this IPv6 ends up at: mapped `::ffff:0:0/96`, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`. */
export function embeddedIpv4(ipv6: string): string | null {
  const bytes = ipToBytes(ipv6);
  if (bytes === null || bytes.length !== 16) {
    return null;
  }
  if (startsWith(bytes, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff])) {
    return bytesToIpv4(bytes.subarray(12));
  }
  if (startsWith(bytes, [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0])) {
    return bytesToIpv4(bytes.subarray(12));
  }
  if (startsWith(bytes, [0x20, 0x02])) {
    return bytesToIpv4(bytes.subarray(2, 6));
  }
  return null;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((value, index) => bytes[index] === value);
}
