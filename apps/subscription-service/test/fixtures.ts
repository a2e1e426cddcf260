import { IdPrefix, newId } from '@hookline/contracts';
import { WebhookSecret } from '../src/webhooks/webhook-secret.entity';
import { Webhook } from '../src/webhooks/webhook.entity';

const CREATED_AT = new Date('2026-11-22T10:00:00.000Z');

/** The delivery settings of `aWebhook`, which the API shows as they are stored. */
export function aWebhookSettings() {
  return {
    tls: null,
    retryPolicy: { preset: 'standard' },
    timeoutSeconds: 15,
    signatureScheme: { type: 'standard-webhooks' },
    metadata: {},
    ordered: false,
    rateLimitPerSecond: null,
    maxConcurrency: null,
  } satisfies Partial<Webhook>;
}

export function aWebhook(overrides: Partial<Webhook> = {}): Webhook {
  return Object.assign(new Webhook(), {
    id: newId(IdPrefix.webhook),
    organizationId: newId(IdPrefix.organization),
    name: 'CRM sync',
    description: null,
    url: 'https://hooks.example.com/hookline',
    events: ['job.created', 'estimate.*'],
    active: false,
    auth: { type: 'none' },
    encryptedHeaders: {},
    legacyHeaders: {},
    ...aWebhookSettings(),
    version: 1,
    disabledReason: null,
    disabledAt: null,
    activatedAt: null,
    createdAt: CREATED_AT,
    updatedAt: CREATED_AT,
    ...overrides,
  } satisfies Partial<Webhook>);
}

export function aSecret(overrides: Partial<WebhookSecret> = {}): WebhookSecret {
  return Object.assign(new WebhookSecret(), {
    id: '7d1f3c52-8c1e-4a43-9a57-5f3f0c2b9e11',
    webhookId: newId(IdPrefix.webhook),
    encrypted: 'v1.k1.sealed',
    createdAt: CREATED_AT,
    expiresAt: null,
    ...overrides,
  } satisfies Partial<WebhookSecret>);
}
