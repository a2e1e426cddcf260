import { embeddedIpv4, isPrivateAddress } from './private-address';

describe('isPrivateAddress', () => {
  it.each([
    ['0.0.0.0', 'this network'],
    ['0.255.255.255', 'this network, upper end'],
    ['10.0.0.0', 'private 10/8'],
    ['10.255.255.255', 'private 10/8, upper end'],
    ['100.64.0.1', 'CGNAT'],
    ['100.127.255.254', 'CGNAT, upper end'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback, upper end'],
    ['169.254.169.254', 'cloud metadata'],
    ['169.254.0.1', 'link-local'],
    ['172.16.0.1', 'private 172.16/12'],
    ['172.31.255.255', 'private 172.16/12, upper end'],
    ['192.0.0.170', 'IETF protocol assignments'],
    ['192.0.2.10', 'TEST-NET-1'],
    ['192.88.99.1', '6to4 relay anycast'],
    ['192.168.0.1', 'private 192.168/16'],
    ['192.168.255.255', 'private 192.168/16, upper end'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.255', 'benchmarking, upper end'],
    ['198.51.100.7', 'TEST-NET-2'],
    ['203.0.113.9', 'TEST-NET-3'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast, upper end'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    ['::', 'IPv6 unspecified'],
    ['::1', 'IPv6 loopback'],
    ['[::1]', 'IPv6 loopback in URL brackets'],
    ['::7f00:1', 'IPv4-compatible loopback'],
    ['fc00::1', 'unique local fc00::/7'],
    ['fd12:3456:789a::1', 'unique local fd00::/8'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local with zone id'],
    ['febf:ffff::1', 'link-local, upper end'],
    ['fec0::1', 'site-local'],
    ['ff02::1', 'multicast'],
    ['ff0e::1', 'global multicast'],
    ['2001:db8::1', 'documentation'],
    ['2001:0db8:ffff:ffff::1', 'documentation, upper end'],
    ['3fff::1', 'documentation 3fff::/20'],
    ['2001::1', 'Teredo'],
    ['100::1', 'discard-only'],
    ['64:ff9b:1::1', 'local-use NAT64'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback, hex form'],
    ['::ffff:10.0.0.5', 'IPv4-mapped private'],
    ['::ffff:169.254.169.254', 'IPv4-mapped metadata'],
    ['::FFFF:192.168.1.1', 'IPv4-mapped, upper case'],
    ['64:ff9b::127.0.0.1', 'NAT64 loopback'],
    ['64:ff9b::a9fe:a9fe', 'NAT64 metadata, hex form'],
    ['64:ff9b::10.0.0.1', 'NAT64 private'],
    ['2002:7f00:1::1', '6to4 loopback'],
    ['2002:c0a8:101::', '6to4 private'],
  ])('%s is private (%s)', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each([
    ['8.8.8.8'],
    ['1.1.1.1'],
    ['9.255.255.255'],
    ['11.0.0.0'],
    ['100.63.255.255'],
    ['100.128.0.0'],
    ['126.255.255.255'],
    ['128.0.0.0'],
    ['169.253.255.255'],
    ['169.255.0.0'],
    ['172.15.255.255'],
    ['172.32.0.0'],
    ['192.167.255.255'],
    ['192.169.0.0'],
    ['198.17.255.255'],
    ['198.20.0.0'],
    ['223.255.255.255'],
    ['2606:4700::1111'],
    ['2001:4860:4860::8888'],
    ['2a00:1450:4001::200e'],
    ['2001:200::1'],
    ['::ffff:8.8.8.8'],
    ['::ffff:808:808'],
    ['64:ff9b::8.8.8.8'],
    ['2002:808:808::1'],
  ])('%s is public', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });

  it('treats anything that is not an IP literal as private', () => {
    expect(isPrivateAddress('example.com')).toBe(true);
    expect(isPrivateAddress('2130706433')).toBe(true);
    expect(isPrivateAddress('')).toBe(true);
  });
});

describe('embeddedIpv4', () => {
  it('extracts the IPv4 from mapped, NAT64 and 6to4 addresses', () => {
    expect(embeddedIpv4('::ffff:7f00:1')).toBe('127.0.0.1');
    expect(embeddedIpv4('64:ff9b::a00:5')).toBe('10.0.0.5');
    expect(embeddedIpv4('2002:a9fe:a9fe::1')).toBe('169.254.169.254');
  });

  it('returns null for other addresses', () => {
    expect(embeddedIpv4('2606:4700::1111')).toBeNull();
    expect(embeddedIpv4('10.0.0.1')).toBeNull();
    expect(embeddedIpv4('nope')).toBeNull();
  });
});
