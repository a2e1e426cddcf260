import {
  signPortalSessionToken,
  verifyPortalSessionToken,
  type PortalSessionClaims,
} from './portal-session-token';

const SECRET = 'a-portal-session-secret-of-32-characters!';
const now = new Date('2026-12-01T10:00:00.000Z');
const claims: PortalSessionClaims = {
  sid: 'ps_1',
  organizationId: 'org_1',
  scopes: ['webhooks:read', 'deliveries:read'],
  exp: now.getTime() / 1000 + 3600,
};

describe('portal session tokens', () => {
  it('verifies what it signed, before expiry', () => {
    const token = signPortalSessionToken(claims, SECRET);
    expect(token).toMatch(/^hlps_[\w-]+\.[\w-]+$/);
    expect(verifyPortalSessionToken(token, SECRET, now)).toEqual({ ok: true, claims });
  });

  it('refuses it at and after its expiry, saying when it expired', () => {
    const token = signPortalSessionToken(claims, SECRET);
    const at = new Date(claims.exp * 1000);
    expect(verifyPortalSessionToken(token, SECRET, at)).toEqual({
      ok: false,
      reason: 'expired',
      expiredAt: at,
    });
  });

  it('refuses a token signed with another secret', () => {
    const token = signPortalSessionToken(claims, `${SECRET}-other`);
    expect(verifyPortalSessionToken(token, SECRET, now)).toMatchObject({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it('refuses claims changed after signing, such as another organization or more scopes', () => {
    const token = signPortalSessionToken(claims, SECRET);
    const [, signature] = token.slice('hlps_'.length).split('.');
    for (const forged of [
      { ...claims, organizationId: 'org_2' },
      { ...claims, scopes: [...claims.scopes, 'webhooks:write'] },
      { ...claims, exp: claims.exp + 86_400 },
    ]) {
      const body = Buffer.from(JSON.stringify(forged)).toString('base64url');
      expect(verifyPortalSessionToken(`hlps_${body}.${signature}`, SECRET, now)).toMatchObject({
        ok: false,
        reason: 'bad-signature',
      });
    }
  });

  it.each(['hlps_', 'hlps_abc', 'hlps_a.b.c', 'hk_abc.def'])('refuses the malformed token %s', (token) => {
    expect(verifyPortalSessionToken(token, SECRET, now)).toMatchObject({ ok: false });
  });

  it('refuses well-signed claims that name an unknown scope', () => {
    const token = signPortalSessionToken({ ...claims, scopes: ['admin' as never] }, SECRET);
    expect(verifyPortalSessionToken(token, SECRET, now)).toMatchObject({ ok: false, reason: 'malformed' });
  });
});
