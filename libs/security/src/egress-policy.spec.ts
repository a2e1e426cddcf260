import { EgressPolicy } from './egress-policy';

const strict = new EgressPolicy({ allowInsecureUrls: false, allowCidrs: [] });
const development = new EgressPolicy({
  allowInsecureUrls: true,
  allowCidrs: ['127.0.0.0/8', '::1/128'],
});

function reasonOf(policy: EgressPolicy, url: string): string | null {
  const result = policy.checkUrl(url);
  return result.ok ? null : result.reason;
}

describe(EgressPolicy.name, () => {
  describe('checkUrl', () => {
    it.each([
      [
        'a CR/LF',
        'https://hooks.example.com/in\r\nX-Injected: 1',
        'url must not contain control characters such as line breaks or tabs (at 28)',
      ],
      [
        'a tab',
        'https://hooks.example.com/\tin',
        'url must not contain control characters such as line breaks or tabs (at 26)',
      ],
      [
        'a leading space',
        ' https://hooks.example.com/in',
        'url must not contain spaces (at 0); encode one in a path as %20',
      ],
      [
        'a space in the path',
        'https://hooks.example.com/a b',
        'url must not contain spaces (at 27); encode one in a path as %20',
      ],
      [
        'a no-break space',
        'https://hooks.example.com/a\u00a0b',
        'url must not contain spaces (at 27); encode one in a path as %20',
      ],
      [
        'a zero-width space in the host',
        'https://hooks\u200b.example.com/in',
        'url must not contain invisible characters such as U+200B (at 13)',
      ],
      [
        'a byte-order mark',
        'https://hooks.example.com/\ufeffin',
        'url must not contain invisible characters such as U+FEFF (at 26)',
      ],
      [
        'a right-to-left override',
        'https://hooks.example.com/\u202egnp.exe',
        'url must not contain invisible characters such as U+202E (at 26)',
      ],
      [
        'a soft hyphen',
        'https://hoo\u00adks.example.com/',
        'url must not contain invisible characters such as U+00AD (at 11)',
      ],
      ['port 0', 'https://hooks.example.com:0/in', 'url must not use port 0'],
      ['port 00', 'https://hooks.example.com:00/in', 'url must not use port 0'],
    ])('refuses a url with %s', (_what, url, reason) => {
      expect(reasonOf(strict, url)).toBe(reason);
    });

    it('still accepts an internationalised host name and percent-encoded spaces', () => {
      expect(reasonOf(strict, 'https://bücher.example.com/a%20b?q=ü')).toBeNull();
    });

    it('accepts a public https URL with a port, path and query', () => {
      const result = strict.checkUrl('https://hooks.example.com:8443/in/hookline?tenant=42');
      expect(result.ok).toBe(true);
      expect(result.ok && result.url.href).toBe('https://hooks.example.com:8443/in/hookline?tenant=42');
    });

    it('accepts public IP literals', () => {
      expect(reasonOf(strict, 'https://8.8.8.8/hook')).toBeNull();
      expect(reasonOf(strict, 'https://[2606:4700::1111]/hook')).toBeNull();
    });

    it.each([
      ['not a url', 'url must be an absolute URL such as https://example.com/webhooks'],
      ['/relative/path', 'url must be an absolute URL such as https://example.com/webhooks'],
      ['', 'url must be an absolute URL such as https://example.com/webhooks'],
      ['http://example.com/hook', 'url must use https (set ALLOW_INSECURE_URLS=true for local development)'],
      ['ftp://example.com/hook', 'url must use https (set ALLOW_INSECURE_URLS=true for local development)'],
      ['file:///etc/passwd', 'url must use https (set ALLOW_INSECURE_URLS=true for local development)'],
      [
        'https://user:pass@example.com/hook',
        'url must not contain credentials (user:password@); use the webhook auth setting instead',
      ],
      [
        'https://token@example.com/hook',
        'url must not contain credentials (user:password@); use the webhook auth setting instead',
      ],
      ['https://example.com/hook#section', 'url must not contain a fragment (#...)'],
      ['https://example.com/hook#', 'url must not contain a fragment (#...)'],
      ['https://10.0.0.5/hook', 'url points to a private or loopback address (10.0.0.5)'],
      ['https://127.0.0.1:8080/hook', 'url points to a private or loopback address (127.0.0.1)'],
      [
        'https://169.254.169.254/latest/meta-data',
        'url points to a private or loopback address (169.254.169.254)',
      ],
      ['https://2130706433/hook', 'url points to a private or loopback address (127.0.0.1)'],
      ['https://0x7f.1/hook', 'url points to a private or loopback address (127.0.0.1)'],
      ['https://[::1]/hook', 'url points to a private or loopback address (::1)'],
      ['https://[::ffff:127.0.0.1]/hook', 'url points to a private or loopback address (::ffff:7f00:1)'],
      ['https://[fd00::1]/hook', 'url points to a private or loopback address (fd00::1)'],
      [
        'https://[64:ff9b::a9fe:a9fe]/hook',
        'url points to a private or loopback address (64:ff9b::a9fe:a9fe)',
      ],
      ['https://localhost/hook', 'url points to a loopback host (localhost)'],
      ['https://LOCALHOST./hook', 'url points to a loopback host (localhost)'],
      ['https://api.localhost/hook', 'url points to a loopback host (api.localhost)'],
      [
        'https://metadata.google.internal/computeMetadata/v1',
        'url points to a cloud metadata host (metadata.google.internal)',
      ],
      ['https://instance-data/latest', 'url points to a cloud metadata host (instance-data)'],
      [
        'https://billing.internal/hook',
        'url host must be a public domain name (billing.internal is a private network name)',
      ],
      [
        'https://printer.local/hook',
        'url host must be a public domain name (printer.local is a private network name)',
      ],
      [
        'https://router.home.arpa/hook',
        'url host must be a public domain name (router.home.arpa is a private network name)',
      ],
      ['https://redis:6379/hook', 'url host must be a public domain name (redis is a private network name)'],
    ])('refuses %s', (url, reason) => {
      expect(reasonOf(strict, url)).toBe(reason);
    });

    it('allows http only with allowInsecureUrls, and never other schemes', () => {
      expect(reasonOf(development, 'http://127.0.0.1:3000/hook')).toBeNull();
      expect(reasonOf(development, 'ftp://example.com/hook')).toBe('url must use http or https');
    });

    it('lets allowlisted private addresses and localhost through', () => {
      expect(reasonOf(development, 'https://127.0.0.1/hook')).toBeNull();
      expect(reasonOf(development, 'https://[::1]/hook')).toBeNull();
      expect(reasonOf(development, 'https://localhost:3000/hook')).toBeNull();
      expect(reasonOf(development, 'https://receiver/hook')).toBeNull();
      expect(reasonOf(development, 'https://10.0.0.5/hook')).toBe(
        'url points to a private or loopback address (10.0.0.5)',
      );
      expect(reasonOf(development, 'https://metadata.google.internal/')).toBe(
        'url points to a cloud metadata host (metadata.google.internal)',
      );
    });

    it('refuses localhost when only ::1 is allowed', () => {
      const ipv6Only = new EgressPolicy({
        allowInsecureUrls: false,
        allowCidrs: ['::1/128'],
      });
      expect(reasonOf(ipv6Only, 'https://localhost/hook')).toBe('url points to a loopback host (localhost)');
    });
  });

  describe('isAddressAllowed', () => {
    /** The ones of `addresses` that `policy` allows, in their order. */
    const allowedOf = (policy: EgressPolicy, addresses: string[]) =>
      addresses.filter((address) => policy.isAddressAllowed(address));

    it('allows public addresses and refuses private ones by default', () => {
      const addresses = ['8.8.8.8', '2606:4700::1111', '127.0.0.1', '::1', '169.254.169.254'];
      expect(allowedOf(strict, addresses)).toEqual(['8.8.8.8', '2606:4700::1111']);
    });

    it('allows private addresses inside allowCidrs only', () => {
      const inside = ['127.0.0.1', '127.8.9.10', '::1', '[::1]', '::ffff:127.0.0.1'];
      expect(allowedOf(development, [...inside, '10.0.0.1', '::2'])).toEqual(inside);
    });

    it('refuses values that are not IP addresses', () => {
      expect(development.isAddressAllowed('localhost')).toBe(false);
    });
  });

  describe('checkConnectTarget', () => {
    it('throws EHOSTBLOCKED for refused IP literals only', () => {
      expect(() => strict.checkConnectTarget('10.1.1.1')).toThrow(
        expect.objectContaining({ code: 'EHOSTBLOCKED', address: '10.1.1.1' }),
      );
      expect(() => strict.checkConnectTarget('[::1]')).toThrow('Refusing to connect to [::1] (::1)');
      expect(() => strict.checkConnectTarget('8.8.8.8')).not.toThrow();
      expect(() => strict.checkConnectTarget('example.com')).not.toThrow();
      expect(() => development.checkConnectTarget('127.0.0.1')).not.toThrow();
    });
  });

  describe('construction', () => {
    it('normalises allowCidrs and rejects bad entries', () => {
      expect(new EgressPolicy({ allowInsecureUrls: false, allowCidrs: ['FD00::/8'] }).allowCidrs).toEqual([
        'fd00::/8',
      ]);
      expect(() => new EgressPolicy({ allowInsecureUrls: false, allowCidrs: ['10/8'] })).toThrow(
        'allowCidrs: "10/8" is not a CIDR range',
      );
    });

    it('parseCidrList names EGRESS_ALLOW_CIDRS', () => {
      expect(EgressPolicy.parseCidrList('127.0.0.0/8,::1/128')).toEqual(['127.0.0.0/8', '::1/128']);
      expect(EgressPolicy.parseCidrList('')).toEqual([]);
      expect(() => EgressPolicy.parseCidrList('127.0.0.1/8')).toThrow(
        'EGRESS_ALLOW_CIDRS: "127.0.0.1/8" has host bits set',
      );
    });

    it('fromEnv reads both variables', () => {
      const policy = EgressPolicy.fromEnv({
        ALLOW_INSECURE_URLS: 'true',
        EGRESS_ALLOW_CIDRS: '127.0.0.0/8,::1/128',
      });
      expect(policy.allowInsecureUrls).toBe(true);
      expect(policy.allowCidrs).toEqual(['127.0.0.0/8', '::1/128']);

      const defaults = EgressPolicy.fromEnv({});
      expect(defaults.allowInsecureUrls).toBe(false);
      expect(defaults.allowCidrs).toEqual([]);
    });

    it('fromEnv fails naming the variable', () => {
      expect(() => EgressPolicy.fromEnv({ ALLOW_INSECURE_URLS: 'yes' })).toThrow(
        'ALLOW_INSECURE_URLS must be "true" or "false" (got "yes")',
      );
      expect(() => EgressPolicy.fromEnv({ EGRESS_ALLOW_CIDRS: 'localhost' })).toThrow(
        'EGRESS_ALLOW_CIDRS: "localhost" is not a CIDR range',
      );
    });
  });
});
