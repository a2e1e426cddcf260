import { parseOriginList, portalSecurityHeaders } from './portal-security-headers';

describe(portalSecurityHeaders.name, () => {
  it('lets nobody frame the portal unless origins are configured', () => {
    const headers = portalSecurityHeaders([], 'https://audit.example.com/base');
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).toContain("connect-src 'self' https://audit.example.com;");
    expect(headers['x-frame-options']).toBe('DENY');
  });

  it('lets exactly the configured origins frame it', () => {
    const origins = parseOriginList('https://app.example.com, https://admin.example.com/some/path');
    const headers = portalSecurityHeaders(origins, 'https://audit.example.com');
    expect(headers['content-security-policy']).toContain(
      'frame-ancestors https://app.example.com https://admin.example.com',
    );
    expect(headers).not.toHaveProperty('x-frame-options');
    expect(headers['content-security-policy']).toContain("script-src 'self';");
  });
});
