import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { findEventType, type RetryPolicy } from '@hookline/contracts';
import { EventTypeException } from '../event-types/event-types.exception';
import { OutboxRepository } from '../outbox/outbox.repository';
import { toRetryPolicy } from '../webhooks/webhook-settings';
import { deliveryDefaultsEntry, deliveryDefaultsTombstone } from './delivery-defaults.entry';
import type { DeliveryDefaultsEntity } from './delivery-defaults.entity';
import { DeliveryDefaultsRepository } from './delivery-defaults.repository';

export interface DeliveryDefaultsInput {
  retryPolicy: RetryPolicy | null;
  ttlSeconds: number | null;
}

/**
 * An organization's retry schedule and TTL per event type. Every change is announced on
 * `hookline.delivery-defaults.v1` through the outbox, in the transaction that makes it.
 */
@Injectable()
export class DeliveryDefaultsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: DeliveryDefaultsRepository,
    private readonly outbox: OutboxRepository,
  ) {}

  /** Replaces the organization's defaults for `eventType`; 404 for a type not in the catalog. */
  put(
    organizationId: string,
    eventType: string,
    input: DeliveryDefaultsInput,
  ): Promise<DeliveryDefaultsEntity> {
    assertInCatalog(eventType);
    return this.dataSource.transaction(async (manager) => {
      const row = await this.repository.put(manager, {
        organizationId,
        eventType,
        retryPolicy: input.retryPolicy === null ? null : toRetryPolicy(input.retryPolicy),
        ttlSeconds: input.ttlSeconds,
        updatedAt: new Date(),
      });
      await this.outbox.append(manager, [deliveryDefaultsEntry(row)]);
      return row;
    });
  }

  /** The catalog's defaults apply again; nothing to do when the organization had none. */
  async remove(organizationId: string, eventType: string): Promise<void> {
    assertInCatalog(eventType);
    await this.dataSource.transaction(async (manager) => {
      if (await this.repository.remove(manager, organizationId, eventType)) {
        await this.outbox.append(manager, [deliveryDefaultsTombstone(organizationId, eventType)]);
      }
    });
  }

  /** The organization's defaults by event type. */
  async byType(organizationId: string): Promise<Map<string, DeliveryDefaultsEntity>> {
    const rows = await this.repository.listOf(organizationId);
    return new Map(rows.map((row) => [row.eventType, row]));
  }
}

function assertInCatalog(eventType: string): void {
  if (findEventType(eventType) === undefined) {
    throw EventTypeException.notFound(eventType);
  }
}
