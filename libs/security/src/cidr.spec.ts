import { formatCidr, parseCidr, parseCidrList } from './cidr';

describe('parseCidr', () => {
  it.each([
    ['127.0.0.0/8', { network: '127.0.0.0', prefix: 8, family: 'ipv4' }],
    [' ::1/128 ', { network: '::1', prefix: 128, family: 'ipv6' }],
    ['FD00::/8', { network: 'fd00::', prefix: 8, family: 'ipv6' }],
    ['0.0.0.0/0', { network: '0.0.0.0', prefix: 0, family: 'ipv4' }],
  ])('parses IPv4 and IPv6 ranges: %j', (range, parsed) => {
    expect(parseCidr(range)).toEqual(parsed);
  });

  it('reads a bare address as a single host', () => {
    expect(parseCidr('10.1.2.3')).toEqual({
      network: '10.1.2.3',
      prefix: 32,
      family: 'ipv4',
    });
    expect(parseCidr('::1').prefix).toBe(128);
  });

  it.each([
    ['localhost/8', 'is not a CIDR range'],
    ['10.0.0.0/8/8', 'is not a CIDR range'],
    ['300.0.0.0/8', 'is not a CIDR range'],
    ['', 'is not a CIDR range'],
    ['fe80::%eth0/64', 'is not a CIDR range'],
    ['10.0.0.0/33', 'invalid prefix length (expected 0-32)'],
    ['::/129', 'invalid prefix length (expected 0-128)'],
    ['10.0.0.0/', 'invalid prefix length'],
    ['10.0.0.0/-1', 'invalid prefix length'],
    ['10.0.0.0/8a', 'invalid prefix length'],
    ['127.0.0.1/8', 'has host bits set'],
    ['10.0.0.128/24', 'has host bits set'],
    ['fe80::1/10', 'has host bits set'],
  ])('refuses %s', (value, message) => {
    expect(() => parseCidr(value, 'EGRESS_ALLOW_CIDRS')).toThrow(message);
    expect(() => parseCidr(value, 'EGRESS_ALLOW_CIDRS')).toThrow(/^EGRESS_ALLOW_CIDRS: /);
  });

  it('accepts ranges whose prefix does not fall on a byte boundary', () => {
    expect(parseCidr('100.64.0.0/10').prefix).toBe(10);
    expect(() => parseCidr('100.96.0.0/10')).toThrow('has host bits set');
  });
});

describe('parseCidrList', () => {
  it('parses a comma-separated list and skips blanks', () => {
    expect(parseCidrList('127.0.0.0/8, ::1/128,').map((cidr) => formatCidr(cidr))).toEqual([
      '127.0.0.0/8',
      '::1/128',
    ]);
    expect(parseCidrList('')).toEqual([]);
    expect(parseCidrList('  ')).toEqual([]);
  });

  it('names the source and the bad entry', () => {
    expect(() => parseCidrList('127.0.0.0/8,10.0.0.0/99', 'EGRESS_ALLOW_CIDRS')).toThrow(
      'EGRESS_ALLOW_CIDRS: "10.0.0.0/99" has an invalid prefix length (expected 0-32)',
    );
  });
});
