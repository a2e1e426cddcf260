import { serviceDataSourceOptions } from '@hookline/platform';
import type { DataSourceOptions } from 'typeorm';
import { AttemptEntity } from '../deliveries/attempt.entity';
import { DeliveryEntity } from '../deliveries/delivery.entity';
import { PayloadEntity } from '../deliveries/payload.entity';
import { WebhookEntity } from '../webhooks/webhook.entity';
import { Initial1763800000000 } from './migrations/1763800000000-initial';

export const AUDIT_SCHEMA = 'audit';

export const AUDIT_ENTITIES = [WebhookEntity, DeliveryEntity, AttemptEntity, PayloadEntity];

export function auditDataSourceOptions(url: string): DataSourceOptions & { schema: string } {
  return {
    ...serviceDataSourceOptions({
      url,
      schema: AUDIT_SCHEMA,
      entities: AUDIT_ENTITIES,
      migrations: [Initial1763800000000],
    }),
    schema: AUDIT_SCHEMA,
  };
}
