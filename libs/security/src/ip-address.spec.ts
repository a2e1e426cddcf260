import { bytesToIpv4, ipFamily, ipToBytes, stripIpLiteral } from './ip-address';

describe('ipToBytes', () => {
  it('parses IPv4', () => {
    expect(Array.from(ipToBytes('192.168.1.20') ?? [])).toEqual([192, 168, 1, 20]);
  });

  it.each([
    ['::', '00000000000000000000000000000000'],
    ['::1', '00000000000000000000000000000001'],
    ['2001:db8::8a2e:370:7334', '20010db80000000000008a2e03707334'],
    ['::ffff:127.0.0.1', '00000000000000000000ffff7f000001'],
    ['64:ff9b::10.1.2.3', '0064ff9b00000000000000000a010203'],
    ['fe80::', 'fe800000000000000000000000000000'],
    ['1:2:3:4:5:6:7:8', '00010002000300040005000600070008'],
    ['FF02::1', 'ff020000000000000000000000000001'],
  ])('parses IPv6 %s', (address, hex) => {
    expect(Buffer.from(ipToBytes(address) ?? []).toString('hex')).toBe(hex);
  });

  it('returns null for non-addresses', () => {
    expect(ipToBytes('example.com')).toBeNull();
    expect(ipToBytes('256.0.0.1')).toBeNull();
    expect(ipToBytes('')).toBeNull();
  });
});

describe('stripIpLiteral', () => {
  it('removes URL brackets and zone ids', () => {
    expect(stripIpLiteral('[::1]')).toBe('::1');
    expect(stripIpLiteral('fe80::1%eth0')).toBe('fe80::1');
    expect(stripIpLiteral('10.0.0.1')).toBe('10.0.0.1');
    expect(stripIpLiteral('example.com')).toBe('example.com');
  });
});

describe('ipFamily', () => {
  it('names the family or returns null', () => {
    expect(ipFamily('8.8.8.8')).toBe('ipv4');
    expect(ipFamily('2606:4700::1111')).toBe('ipv6');
    expect(ipFamily('localhost')).toBeNull();
  });
});

describe('bytesToIpv4', () => {
  it('formats the first four bytes', () => {
    expect(bytesToIpv4(Uint8Array.from([10, 0, 0, 5]))).toBe('10.0.0.5');
  });
});
