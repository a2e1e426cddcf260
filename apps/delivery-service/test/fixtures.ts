import { findEventType, newId, type EventEnvelope, type WebhookState } from '@hookline/contracts';
import { loadConfig } from '@hookline/platform';
import { SecretBox, generateSigningSecret } from '@hookline/security';
import { DeliveryEnv } from '../src/config/delivery.env';

/** A fixed test keyring: `test:<32 bytes>`. */
export const TEST_SECRETS_ENCRYPTION_KEYS = `test:${Buffer.alloc(32, 7).toString('base64')}`;

export function testSecretBox(): SecretBox {
  return SecretBox.fromEnv(TEST_SECRETS_ENCRYPTION_KEYS);
}

/** The service's config for a test that reaches no broker: the required settings, then `env`. */
export function testDeliveryConfig(env: Record<string, string> = {}): DeliveryEnv {
  return loadConfig(DeliveryEnv, {
    KAFKA_BROKERS: 'unused:9092',
    SECRETS_ENCRYPTION_KEYS: TEST_SECRETS_ENCRYPTION_KEYS,
    ...env,
  });
}

export interface WebhookFixture {
  state: WebhookState;
  /** Plaintext secrets, in the order of `state.secrets`. */
  secrets: string[];
}

/**
 * A valid, active webhook state whose secrets are sealed with `box` for its id. Custom `headers`
 * given in clear are sealed into `encryptedHeaders`, as subscription-service publishes them.
 */
export function webhookFixture(
  box: SecretBox,
  { headers, ...overrides }: Partial<WebhookState> = {},
  secrets: Array<{ secret?: string; expiresAt: string | null }> = [{ expiresAt: null }],
): WebhookFixture {
  const id = overrides.id ?? newId('wh');
  const plain = secrets.map((entry) => entry.secret ?? generateSigningSecret());
  const state: WebhookState = {
    id,
    organizationId: 'org_test',
    url: 'https://hooks.example.com/in',
    events: ['job.created'],
    filter: null,
    active: true,
    auth: { type: 'none' },
    encryptedHeaders: Object.fromEntries(
      Object.entries(headers ?? {}).map(([name, value]) => [name, box.encrypt(value, id)]),
    ),
    retryPolicy: { preset: 'standard' },
    timeoutSeconds: 15,
    signatureScheme: { type: 'standard-webhooks' },
    secrets: secrets.map((entry, index) => ({
      encrypted: box.encrypt(plain[index], id),
      expiresAt: entry.expiresAt,
    })),
    tls: null,
    ordered: false,
    rateLimitPerSecond: null,
    maxConcurrency: null,
    version: 1,
    updatedAt: '2026-11-22T10:00:00.000Z',
    ...overrides,
  };
  return { state, secrets: plain };
}

/** A valid `job.created` envelope with the catalog example as data. */
export function jobCreatedEvent(overrides: Partial<EventEnvelope> = {}): EventEnvelope {
  const definition = findEventType('job.created');
  if (!definition) {
    throw new Error('job.created is not in the catalog');
  }
  return {
    id: newId('evt'),
    type: 'job.created',
    organizationId: 'org_test',
    subject: 'job_123',
    occurredAt: new Date().toISOString(),
    data: structuredClone(definition.example),
    ...overrides,
  };
}
