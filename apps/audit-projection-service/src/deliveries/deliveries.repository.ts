import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AttemptEntity } from './attempt.entity';
import { buildDeliveryListQuery, type DeliveryListFilter } from './delivery-list.query';
import { DeliveryEntity } from './delivery.entity';
import { PayloadEntity } from './payload.entity';

export interface DeliveryDetailRecord {
  delivery: DeliveryEntity;
  attempts: AttemptEntity[];
  payload: PayloadEntity | null;
}

@Injectable()
export class DeliveriesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest first; the page is picked from `delivery_webhook_list_idx` (see `buildDeliveryListQuery`). */
  async listForWebhook(filter: DeliveryListFilter, limit: number): Promise<DeliveryEntity[]> {
    const { sql, params } = buildDeliveryListQuery(filter, limit);
    const rows = await this.dataSource.query<Array<Partial<DeliveryEntity>>>(sql, params);
    return rows.map((row) => Object.assign(new DeliveryEntity(), row));
  }

  /**
   * A delivery with its attempts and payload, all read from one snapshot: the projection
   * commits an attempt row and the delivery's count together, and separate reads could see
   * the count before and the attempts after such a commit.
   */
  findDetail(organizationId: string, id: string): Promise<DeliveryDetailRecord | null> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const delivery = await this.findOwned(manager, organizationId, id);
      if (delivery === null) {
        return null;
      }
      const attempts = await this.findAttempts(manager, delivery.id);
      const payload = await this.findPayload(manager, organizationId, delivery.eventId);
      return { delivery, attempts, payload };
    });
  }

  findOwned(manager: EntityManager, organizationId: string, id: string): Promise<DeliveryEntity | null> {
    return manager.findOneBy(DeliveryEntity, { id, organizationId });
  }

  /** Served by `attempt_delivery_idx`. */
  findAttempts(manager: EntityManager, deliveryId: string): Promise<AttemptEntity[]> {
    return manager.find(AttemptEntity, {
      where: { deliveryId },
      order: { attemptNumber: 'ASC', startedAt: 'ASC', id: 'ASC' },
    });
  }

  findPayload(
    manager: EntityManager,
    organizationId: string,
    eventId: string,
  ): Promise<PayloadEntity | null> {
    return manager.findOneBy(PayloadEntity, { eventId, organizationId });
  }
}
