import { DEFAULT_RETRY_POLICY, newId, type WebhookState } from '@hookline/contracts';

export function aWebhookState(overrides: Partial<WebhookState> = {}): WebhookState {
  return {
    id: newId('wh'),
    organizationId: 'org_fixture',
    url: 'https://example.com/hooks',
    events: ['job.*'],
    filter: null,
    active: true,
    auth: { type: 'none' },
    encryptedHeaders: {},
    retryPolicy: DEFAULT_RETRY_POLICY,
    timeoutSeconds: 15,
    signatureScheme: { type: 'standard-webhooks' },
    secrets: [{ encrypted: 'v1.fixture', expiresAt: null }],
    tls: null,
    ordered: false,
    rateLimitPerSecond: null,
    maxConcurrency: null,
    version: 1,
    updatedAt: '2026-11-22T09:00:00.000Z',
    ...overrides,
  };
}
