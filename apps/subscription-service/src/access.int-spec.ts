import {
  ADMIN_TOKEN,
  SubscriptionTestContext,
  type CreatedOrganization,
  type ErrorBody,
  type WebhookBody,
} from '../test/subscription-test-context';

describe('access to every route (HTTP + Postgres)', () => {
  const suite = SubscriptionTestContext.forSuite('access-int');

  describe('every route checks who calls', () => {
    let owner: CreatedOrganization;
    let stranger: CreatedOrganization;
    let unscopedKey: string;
    let webhookId: string;

    beforeAll(async () => {
      owner = await suite.context.createOrganization('Owner Inc');
      stranger = await suite.context.createOrganization('Stranger Inc');
      unscopedKey = (await suite.context.issueKey(stranger.id, ['events:write', 'deliveries:read'])).key;
      webhookId = (await suite.context.createWebhook(owner.apiKey.key)).id;
    });

    const webhookRoutes = (): Array<[string, string, unknown]> => [
      ['POST', '/v1/webhooks', { name: 'x', url: 'https://hooks.example.com/', events: ['*'] }],
      ['GET', '/v1/webhooks', undefined],
      ['GET', `/v1/webhooks/${webhookId}`, undefined],
      ['PATCH', `/v1/webhooks/${webhookId}`, { name: 'stolen' }],
      ['DELETE', `/v1/webhooks/${webhookId}`, undefined],
      ['POST', `/v1/webhooks/${webhookId}/test`, undefined],
      ['GET', `/v1/webhooks/${webhookId}/secret`, undefined],
      ['POST', `/v1/webhooks/${webhookId}/secret/rotate`, {}],
    ];
    const eventTypeRoutes: Array<[string, string]> = [
      ['GET', '/v1/event-types'],
      ['GET', '/v1/event-types/job.created/subscribed'],
    ];
    const adminRoutes = (): Array<[string, string, unknown]> => [
      ['POST', '/v1/organizations', { name: 'x' }],
      ['POST', `/v1/organizations/${owner.id}/api-keys`, {}],
      ['GET', `/v1/organizations/${owner.id}/api-keys`, undefined],
      ['DELETE', `/v1/organizations/${owner.id}/api-keys/${owner.apiKey.id}`, undefined],
    ];

    it('answers 401 without a key, on every route', async () => {
      const routes = [
        ...webhookRoutes(),
        ...eventTypeRoutes.map(([method, path]) => [method, path, undefined] as const),
        ...adminRoutes(),
      ];
      for (const [method, path, body] of routes) {
        const response = await suite.context.http.request<ErrorBody>(method, path, { body });
        expect([method, path, response.status]).toEqual([method, path, 401]);
      }
    });

    it('answers 403 to a key without the scope, naming it, on every webhook route', async () => {
      for (const [method, path, body] of webhookRoutes()) {
        const response = await suite.context.http.request<ErrorBody>(method, path, {
          token: unscopedKey,
          body,
        });
        expect([method, path, response.status]).toEqual([method, path, 403]);
        expect(response.body.message).toMatch(/lacks the scope webhooks:(read|write)/);
      }
    });

    it("answers 404 to another organization's key for the webhook, on every webhook route", async () => {
      for (const [method, path, body] of webhookRoutes().filter(([, path]) => path.includes(webhookId))) {
        const response = await suite.context.http.request<ErrorBody>(method, path, {
          token: stranger.apiKey.key,
          body,
        });
        expect([method, path, response.status, response.body.message]).toEqual([
          method,
          path,
          404,
          `webhook ${webhookId} not found`,
        ]);
      }
      const list = await suite.context.http.request<{ items: WebhookBody[] }>('GET', '/v1/webhooks', {
        token: stranger.apiKey.key,
      });
      expect(list.body.items).toEqual([]);
      const untouched = await suite.context.http.request<WebhookBody>('GET', `/v1/webhooks/${webhookId}`, {
        token: owner.apiKey.key,
      });
      expect(untouched.body).toMatchObject({ name: 'CRM sync', version: 1 });
    });

    it('lets any organization key read the event catalog, and no admin token', async () => {
      for (const [method, path] of eventTypeRoutes) {
        expect((await suite.context.http.request(method, path, { token: unscopedKey })).status).toBe(200);
        expect((await suite.context.http.request(method, path, { token: ADMIN_TOKEN })).status).toBe(401);
      }
    });

    it('keeps admin routes to the admin token, and answers 404 for an unknown organization', async () => {
      for (const [method, path, body] of adminRoutes()) {
        const response = await suite.context.http.request<ErrorBody>(method, path, {
          token: owner.apiKey.key,
          body,
        });
        expect([method, path, response.status]).toEqual([method, path, 401]);
      }
      for (const [method, path, body] of [
        ['POST', '/v1/organizations/org_nope/api-keys', {}],
        ['GET', '/v1/organizations/org_nope/api-keys', undefined],
        ['DELETE', `/v1/organizations/org_nope/api-keys/${owner.apiKey.id}`, undefined],
      ] as const) {
        const response = await suite.context.http.request<ErrorBody>(method, path, {
          token: ADMIN_TOKEN,
          body,
        });
        expect([method, path, response.status]).toEqual([method, path, 404]);
      }
    });
  });

  describe('API keys of an organization', () => {
    it('lists them without the keys, newest first, with use and revocation', async () => {
      const organization = await suite.context.createOrganization('Key Lister');
      const dashboard = await suite.context.issueKey(organization.id, ['webhooks:read']);
      await suite.context.http.request(
        'DELETE',
        `/v1/organizations/${organization.id}/api-keys/${dashboard.id}`,
        {
          token: ADMIN_TOKEN,
        },
      );

      const response = await suite.context.http.request<{ items: Array<Record<string, unknown>> }>(
        'GET',
        `/v1/organizations/${organization.id}/api-keys`,
        { token: ADMIN_TOKEN },
      );

      expect(response.status).toBe(200);
      expect(response.body.items).toEqual([
        {
          id: dashboard.id,
          name: 'webhooks:read',
          prefix: dashboard.prefix,
          scopes: ['webhooks:read'],
          createdAt: dashboard.createdAt,
          lastUsedAt: null,
          revokedAt: expect.any(String),
        },
        {
          id: organization.apiKey.id,
          name: 'default',
          prefix: organization.apiKey.prefix,
          scopes: organization.apiKey.scopes,
          createdAt: organization.apiKey.createdAt,
          lastUsedAt: null,
          revokedAt: null,
        },
      ]);
      expect(JSON.stringify(response.body)).not.toContain(dashboard.key);
      expect(JSON.stringify(response.body)).not.toContain('hash');
    });
  });
});
