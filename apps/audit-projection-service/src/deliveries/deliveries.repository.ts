import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AttemptEntity } from './attempt.entity';
import { buildDeliveryListQuery, type DeliveryListFilter } from './delivery-list.query';
import { DeliveryEntity } from './delivery.entity';
import { PayloadEntity } from './payload.entity';

@Injectable()
export class DeliveriesRepository {
  constructor(
    @InjectRepository(DeliveryEntity) private readonly deliveries: Repository<DeliveryEntity>,
    @InjectRepository(AttemptEntity) private readonly attempts: Repository<AttemptEntity>,
    @InjectRepository(PayloadEntity) private readonly payloads: Repository<PayloadEntity>,
  ) {}

  /** Newest first; the page is picked from `delivery_webhook_list_idx` (see `buildDeliveryListQuery`). */
  async listForWebhook(filter: DeliveryListFilter, limit: number): Promise<DeliveryEntity[]> {
    const { sql, params } = buildDeliveryListQuery(filter, limit);
    const rows = await this.deliveries.query<Array<Partial<DeliveryEntity>>>(sql, params);
    return rows.map((row) => Object.assign(new DeliveryEntity(), row));
  }

  findOwned(organizationId: string, id: string): Promise<DeliveryEntity | null> {
    return this.deliveries.findOneBy({ id, organizationId });
  }

  /** Served by `attempt_delivery_idx`. */
  findAttempts(deliveryId: string): Promise<AttemptEntity[]> {
    return this.attempts.find({
      where: { deliveryId },
      order: { attemptNumber: 'ASC', startedAt: 'ASC', id: 'ASC' },
    });
  }

  findPayload(organizationId: string, eventId: string): Promise<PayloadEntity | null> {
    return this.payloads.findOneBy({ eventId, organizationId });
  }
}
