import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { RetryPolicy } from '@hookline/contracts';
import { DeliveryDefaultsEntity } from './delivery-defaults.entity';

const TABLE = '"subscription"."delivery_defaults"';

interface Row {
  organization_id: string;
  event_type: string;
  retry_policy: RetryPolicy | null;
  ttl_seconds: number | null;
  version: number;
  updated_at: Date;
}

/** Queries of an organization's delivery defaults; each is served by the primary key. */
@Injectable()
export class DeliveryDefaultsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts or replaces, one version up; the row stays locked until the transaction ends. */
  async put(
    manager: EntityManager,
    values: Pick<
      DeliveryDefaultsEntity,
      'organizationId' | 'eventType' | 'retryPolicy' | 'ttlSeconds' | 'updatedAt'
    >,
  ): Promise<DeliveryDefaultsEntity> {
    const rows = await manager.query<Row[]>(
      `INSERT INTO ${TABLE} AS "current" ("organization_id", "event_type", "retry_policy", "ttl_seconds", "version", "updated_at")
       VALUES ($1, $2, $3, $4, 1, $5)
       ON CONFLICT ("organization_id", "event_type") DO UPDATE
         SET "retry_policy" = EXCLUDED."retry_policy", "ttl_seconds" = EXCLUDED."ttl_seconds",
             "version" = "current"."version" + 1, "updated_at" = EXCLUDED."updated_at"
       RETURNING *`,
      [
        values.organizationId,
        values.eventType,
        values.retryPolicy === null ? null : JSON.stringify(values.retryPolicy),
        values.ttlSeconds,
        values.updatedAt,
      ],
    );
    return toEntity(rows[0]);
  }

  /** Whether there was something to remove. */
  async remove(manager: EntityManager, organizationId: string, eventType: string): Promise<boolean> {
    const result = await manager.delete(DeliveryDefaultsEntity, { organizationId, eventType });
    return (result.affected ?? 0) > 0;
  }

  listOf(organizationId: string): Promise<DeliveryDefaultsEntity[]> {
    return this.dataSource.manager.find(DeliveryDefaultsEntity, {
      where: { organizationId },
      order: { eventType: 'ASC' },
    });
  }
}

function toEntity(row: Row): DeliveryDefaultsEntity {
  return Object.assign(new DeliveryDefaultsEntity(), {
    organizationId: row.organization_id,
    eventType: row.event_type,
    retryPolicy: row.retry_policy,
    ttlSeconds: row.ttl_seconds,
    version: row.version,
    updatedAt: row.updated_at,
  });
}
