import type { DataSourceOptions } from 'typeorm';
import { serviceDataSourceOptions } from '@hookline/platform';
import { ApiKey } from '../api-keys/api-key.entity';
import { DeliveryDefaultsEntity } from '../delivery-defaults/delivery-defaults.entity';
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
import { WebhookTls1765100000000 } from './migrations/1765100000000-webhook-tls';
import { InheritedRetryPolicy1765200000000 } from './migrations/1765200000000-inherited-retry-policy';
import { DeliveryDefaults1765200000001 } from './migrations/1765200000001-delivery-defaults';
import { Backfill1765300000000 } from './migrations/1765300000000-backfill';
import { SUBSCRIPTION_SCHEMA } from './schema';

export const SUBSCRIPTION_ENTITIES = [
  Organization,
  ApiKey,
  Webhook,
  WebhookSecret,
  OutboxMessage,
  DeliveryDefaultsEntity,
  Backfill,
];

/** Listed explicitly, in order, so the compiled build and the tests run the same migrations. */
export const SUBSCRIPTION_MIGRATIONS = [
  Initial1763800000000,
  WebhookDeliveryOptions1764000000000,
  SecretsReadScope1764100000000,
  EncryptedCustomHeaders1764700000000,
  WebhookFilter1765000000000,
  WebhookTls1765100000000,
  InheritedRetryPolicy1765200000000,
  DeliveryDefaults1765200000001,
  Backfill1765300000000,
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
