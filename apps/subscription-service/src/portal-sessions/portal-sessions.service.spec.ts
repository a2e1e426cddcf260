import { verifyPortalSessionToken } from '@hookline/platform';
import type { SubscriptionEnv } from '../config/subscription.env';
import type { PortalSessionException } from './portal-sessions.exception';
import type { PortalSessionsRepository } from './portal-sessions.repository';
import { PortalSessionsService } from './portal-sessions.service';

const SECRET = 'a-portal-session-secret-of-32-characters!';

function service(secret: string | undefined, organizations: string[] = ['org_1']): PortalSessionsService {
  const config = { PORTAL_SESSION_SECRET: secret, PORTAL_PUBLIC_URL: 'https://hooks.example.com/portal/' };
  const repository = { organizationExists: async (id: string) => organizations.includes(id) };
  return new PortalSessionsService(
    config as SubscriptionEnv,
    repository as unknown as PortalSessionsRepository,
  );
}

const codeOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: PortalSessionException) => error.code,
  );

describe(PortalSessionsService.name, () => {
  it('opens a read-only session for an hour by default, with a token both services accept', async () => {
    const before = Date.now();
    const session = await service(SECRET).openForOrganization('org_1', {});
    expect(session).toMatchObject({ organizationId: 'org_1', access: 'read-only' });
    const expiresAt = Date.parse(session.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 3_600_000);
    expect(expiresAt).toBeLessThanOrEqual(before + 3_600_000);
    const check = verifyPortalSessionToken(session.token, SECRET);
    expect(check).toEqual({
      ok: true,
      claims: { sid: session.id, organizationId: 'org_1', scopes: session.scopes, exp: expiresAt / 1000 },
    });
    expect(session.url.startsWith('https://hooks.example.com/portal/#session=hlps_')).toBe(true);
  });

  it('gives a key’s session no scope the key lacks, and refuses keys that cannot read webhooks', async () => {
    const session = await service(SECRET).openForKey('org_1', ['webhooks:read', 'deliveries:read'], {
      access: 'read-write',
      ttlSeconds: 600,
    });
    expect(session.scopes).toEqual(['webhooks:read', 'deliveries:read']);
    expect(await codeOf(service(SECRET).openForKey('org_1', ['events:write'], {}))).toBe(
      'PORTAL_SESSION_SCOPE_MISSING',
    );
  });

  it('answers for an unknown organization and for a service without the secret', async () => {
    expect(await codeOf(service(SECRET).openForOrganization('org_404', {}))).toBe('ORGANIZATION_NOT_FOUND');
    expect(await codeOf(service(undefined).openForOrganization('org_1', {}))).toBe(
      'PORTAL_SESSIONS_DISABLED',
    );
  });
});
