import type { DataSourceOptions } from 'typeorm';
import { serviceDataSourceOptions } from '@hookline/platform';
import { ApiKey } from '../api-keys/api-key.entity';
import { Backfill } from '../backfills/backfill.entity';
import { OutboxMessage } from '../outbox/outbox-message.entity';
import { Organization } from '../organizations/organization.entity';
import { WebhookSecret } from '../webhooks/webhook-secret.entity';
import { Webhook } from '../webhooks/webhook.entity';
import { Initial1763800000000 } from './migrations/1763800000000-initial';
import { WebhookDeliveryOptions1764000000000 } from './migrations/1764000000000-webhook-delivery-options';
import { SecretsReadScope1764100000000 } from './migrations/1764100000000-secrets-read-scope';
import { EncryptedCustomHeaders1764700000000 } from './migrations/1764700000000-encrypted-custom-headers';
import { WebhookFilter1765000000000 } from './migrations/1765000000000-webhook-filter';
import { Backfill1765100000000 } from './migrations/1765100000000-backfill';
import { SUBSCRIPTION_SCHEMA } from './schema';

export const SUBSCRIPTION_ENTITIES = [Organization, ApiKey, Webhook, WebhookSecret, OutboxMessage, Backfill];

/** Listed explicitly, in order, so the compiled build and the tests run the same migrations. */
export const SUBSCRIPTION_MIGRATIONS = [
  Initial1763800000000,
  WebhookDeliveryOptions1764000000000,
  SecretsReadScope1764100000000,
  EncryptedCustomHeaders1764700000000,
  WebhookFilter1765000000000,
  Backfill1765100000000,
];

export function subscriptionDataSourceOptions(url: string): DataSourceOptions & { schema: string } {
  return {
    ...serviceDataSourceOptions({
      url,
      schema: SUBSCRIPTION_SCHEMA,
      entities: SUBSCRIPTION_ENTITIES,
      migrations: SUBSCRIPTION_MIGRATIONS,
    }),
    schema: SUBSCRIPTION_SCHEMA,
  };
}
