import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { DeliveryStatus } from '@hookline/contracts';
import type { Repository } from 'typeorm';
import { AttemptEntity } from './attempt.entity';
import type { DeliveryCursor } from './delivery-cursor';
import { DeliveryEntity } from './delivery.entity';
import { PayloadEntity } from './payload.entity';

export interface DeliveryListFilter {
  organizationId: string;
  webhookId: string;
  status: DeliveryStatus | null;
  eventType: string | null;
  eventId: string | null;
  /** Inclusive. */
  from: Date | null;
  /** Exclusive. */
  to: Date | null;
  after: DeliveryCursor | null;
}

@Injectable()
export class DeliveriesRepository {
  constructor(
    @InjectRepository(DeliveryEntity) private readonly deliveries: Repository<DeliveryEntity>,
    @InjectRepository(AttemptEntity) private readonly attempts: Repository<AttemptEntity>,
    @InjectRepository(PayloadEntity) private readonly payloads: Repository<PayloadEntity>,
  ) {}

  /** Newest first; served by `delivery_webhook_created_idx`. */
  listForWebhook(filter: DeliveryListFilter, limit: number): Promise<DeliveryEntity[]> {
    const query = this.deliveries
      .createQueryBuilder('d')
      .where('d.webhookId = :webhookId', { webhookId: filter.webhookId })
      .andWhere('d.organizationId = :organizationId', { organizationId: filter.organizationId });
    if (filter.status !== null) query.andWhere('d.status = :status', { status: filter.status });
    if (filter.eventType !== null)
      query.andWhere('d.eventType = :eventType', { eventType: filter.eventType });
    if (filter.eventId !== null) query.andWhere('d.eventId = :eventId', { eventId: filter.eventId });
    if (filter.from !== null) query.andWhere('d.createdAt >= :from', { from: filter.from });
    if (filter.to !== null) query.andWhere('d.createdAt < :to', { to: filter.to });
    if (filter.after !== null) {
      query.andWhere('(d.createdAt, d.id) < (:afterCreatedAt, :afterId)', {
        afterCreatedAt: filter.after.createdAt,
        afterId: filter.after.id,
      });
    }
    return query.orderBy('d.createdAt', 'DESC').addOrderBy('d.id', 'DESC').limit(limit).getMany();
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
