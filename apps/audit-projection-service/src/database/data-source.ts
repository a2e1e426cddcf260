import { serviceDataSourceOptions } from '@hookline/platform';
import type { DataSourceOptions } from 'typeorm';
import { AttemptEntity } from '../deliveries/attempt.entity';
import { DeliveryEntity } from '../deliveries/delivery.entity';
import { PayloadEntity } from '../deliveries/payload.entity';
import { WebhookEntity } from '../webhooks/webhook.entity';
import { Initial1763800000000 } from './migrations/1763800000000-initial';
import { StatsAndRetention1763900000000 } from './migrations/1763900000000-stats-and-retention';
import { AnalyticsViews1763900000001 } from './migrations/1763900000001-analytics-views';
import { AttemptJournalAndHolds1764800000000 } from './migrations/1764800000000-attempt-journal-and-holds';
import { AuthFailedOutcome1765000000000 } from './migrations/1765000000000-auth-failed-outcome';
import { DeliveryBackfill1765100000000 } from './migrations/1765100000000-delivery-backfill';

export const AUDIT_SCHEMA = 'audit';

/** The tables the API reads through TypeORM; the hourly rollups are written and read with SQL only. */
export const AUDIT_ENTITIES = [WebhookEntity, DeliveryEntity, AttemptEntity, PayloadEntity];

/** Every table the projection writes; a rebuild empties exactly these. */
export const AUDIT_PROJECTION_TABLES = [
  'attempt',
  'attempt_start',
  'attempt_watermark',
  'delivery',
  'payload',
  'stats_hourly',
  'webhook',
] as const;

export function auditDataSourceOptions(url: string): DataSourceOptions & { schema: string } {
  return {
    ...serviceDataSourceOptions({
      url,
      schema: AUDIT_SCHEMA,
      entities: AUDIT_ENTITIES,
      migrations: [
        Initial1763800000000,
        StatsAndRetention1763900000000,
        AnalyticsViews1763900000001,
        AttemptJournalAndHolds1764800000000,
        AuthFailedOutcome1765000000000,
        DeliveryBackfill1765100000000,
      ],
    }),
    schema: AUDIT_SCHEMA,
  };
}
