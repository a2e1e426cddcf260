import { UnauthorizedException } from '@nestjs/common';
import { authenticatePortalSession } from './authenticate-portal-session';
import { signPortalSessionToken } from './portal-session-token';

const SECRET = 'a-portal-session-secret-of-32-characters!';
const inOneHour = () => Math.floor(Date.now() / 1000) + 3600;

describe(authenticatePortalSession.name, () => {
  it('makes an organization principal that remembers it is a session', () => {
    const token = signPortalSessionToken(
      { sid: 'ps_1', organizationId: 'org_1', scopes: ['webhooks:read'], exp: inOneHour() },
      SECRET,
    );
    expect(authenticatePortalSession(token, SECRET)).toEqual({
      kind: 'organization',
      organizationId: 'org_1',
      keyId: 'portal-session:ps_1',
      scopes: ['webhooks:read'],
      portalSessionId: 'ps_1',
    });
  });

  it('answers an expired session with a 401 that says so', () => {
    const token = signPortalSessionToken(
      { sid: 'ps_1', organizationId: 'org_1', scopes: [], exp: 1_700_000_000 },
      SECRET,
    );
    expect(() => authenticatePortalSession(token, SECRET)).toThrow(
      new UnauthorizedException(
        'portal session expired at 2023-11-14T22:13:20.000Z; open the portal again from your dashboard',
      ),
    );
  });

  it('refuses every session where no secret is configured', () => {
    const token = signPortalSessionToken(
      { sid: 's', organizationId: 'o', scopes: [], exp: inOneHour() },
      SECRET,
    );
    expect(() => authenticatePortalSession(token, null)).toThrow(/not enabled/);
  });
});
