import { PORTAL_ACCESS_SCOPES, sessionScopes } from './portal-session-access';

describe(sessionScopes.name, () => {
  it('gives the admin what the access asks for', () => {
    expect(sessionScopes('read-write', 'all')).toEqual([...PORTAL_ACCESS_SCOPES['read-write']]);
    expect(sessionScopes('read-only', 'all')).toEqual(['webhooks:read', 'deliveries:read']);
  });

  it('never gives a session a scope the key that asked lacks', () => {
    expect(sessionScopes('read-write', ['webhooks:read', 'webhooks:write', 'events:write'])).toEqual([
      'webhooks:read',
      'webhooks:write',
    ]);
  });

  it('lets no session publish events', () => {
    for (const scopes of Object.values(PORTAL_ACCESS_SCOPES)) {
      expect(scopes).not.toContain('events:write');
    }
  });
});
