import type { DataSourceOptions } from 'typeorm';
import { serviceDataSourceOptions } from '@hookline/platform';
import { IdempotencyKeyEntity } from '../idempotency/idempotency-key.entity';
import { Initial1763800000000 } from './migrations/1763800000000-initial';
import { IdempotencyPublishLease1764600000000 } from './migrations/1764600000000-idempotency-publish-lease';

export const INGEST_SCHEMA = 'ingest';

export function ingestDataSourceOptions(url: string): DataSourceOptions {
  return serviceDataSourceOptions({
    url,
    schema: INGEST_SCHEMA,
    entities: [IdempotencyKeyEntity],
    migrations: [Initial1763800000000, IdempotencyPublishLease1764600000000],
  });
}
