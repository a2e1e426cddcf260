import { portalSessionUrl } from './portal-session-url';

describe(portalSessionUrl.name, () => {
  it('puts the token and branding in the fragment, never in the query', () => {
    const url = new URL(
      portalSessionUrl('https://hooks.example.com/portal/', 'hlps_abc.def', {
        brandName: 'Summit CRM',
        brandColor: '#0b6bcb',
        locale: 'ko',
      }),
    );
    expect(url.search).toBe('');
    expect(url.pathname).toBe('/portal/');
    const fragment = new URLSearchParams(url.hash.slice(1));
    expect(Object.fromEntries(fragment)).toEqual({
      session: 'hlps_abc.def',
      brandName: 'Summit CRM',
      brandColor: '#0b6bcb',
      locale: 'ko',
    });
  });
});
