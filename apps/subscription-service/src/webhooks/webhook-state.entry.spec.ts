import { Topics } from '@hookline/contracts';
import { aSecret, aWebhook } from '../../test/fixtures';
import { toWebhookState, webhookStateEntry, webhookTombstoneEntry } from './webhook-state.entry';

describe(toWebhookState.name, () => {
  it('carries the full state delivery needs, with encrypted credentials and secrets', () => {
    const webhook = aWebhook({
      active: true,
      version: 3,
      auth: { type: 'basic', username: 'hookline', encryptedPassword: 'v1.k1.pw' },
      updatedAt: new Date('2026-11-23T08:00:00.000Z'),
    });
    const state = toWebhookState(webhook, [aSecret({ webhookId: webhook.id, encrypted: 'v1.k1.current' })]);
    expect(state).toEqual({
      id: webhook.id,
      organizationId: webhook.organizationId,
      url: webhook.url,
      events: webhook.events,
      active: true,
      auth: { type: 'basic', username: 'hookline', encryptedPassword: 'v1.k1.pw' },
      encryptedHeaders: {},
      tls: null,
      retryPolicy: { preset: 'standard' },
      timeoutSeconds: 15,
      signatureScheme: { type: 'standard-webhooks' },
      secrets: [{ encrypted: 'v1.k1.current', expiresAt: null }],
      ordered: false,
      rateLimitPerSecond: null,
      maxConcurrency: null,
      version: 3,
      updatedAt: '2026-11-23T08:00:00.000Z',
    });
  });

  it('carries the certificates in clear and the client key sealed', () => {
    const tls = { clientCertificate: 'PEM cert', encryptedPrivateKey: 'v1.k1.key', caCertificates: 'PEM ca' };
    expect(toWebhookState(aWebhook({ tls }), []).tls).toEqual(tls);
  });

  it("carries the webhook's delivery options", () => {
    const state = toWebhookState(aWebhook({ ordered: true, rateLimitPerSecond: 50, maxConcurrency: 4 }), []);
    expect(state).toMatchObject({ ordered: true, rateLimitPerSecond: 50, maxConcurrency: 4 });
  });

  it('lists the current secret first, then rotated-out ones by latest expiry', () => {
    const state = toWebhookState(aWebhook(), [
      aSecret({ encrypted: 'old', expiresAt: new Date('2026-11-23T00:00:00.000Z') }),
      aSecret({ encrypted: 'current', expiresAt: null }),
      aSecret({ encrypted: 'older', expiresAt: new Date('2026-11-22T12:00:00.000Z') }),
    ]);
    expect(state.secrets.map((secret) => secret.encrypted)).toEqual(['current', 'old', 'older']);
  });
});

describe('outbox entries of webhooks', () => {
  it('publishes the state keyed by webhook id', () => {
    const webhook = aWebhook();
    const entry = webhookStateEntry(webhook, [aSecret()]);
    expect(entry).toMatchObject({
      topic: Topics.subscriptions,
      key: webhook.id,
      payload: { id: webhook.id },
    });
  });

  it('deletes with a tombstone', () => {
    expect(webhookTombstoneEntry('wh_1')).toEqual({
      topic: Topics.subscriptions,
      key: 'wh_1',
      payload: null,
    });
  });
});
