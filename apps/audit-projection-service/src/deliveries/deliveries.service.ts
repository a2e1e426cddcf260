import { Injectable } from '@nestjs/common';
import { WebhooksService } from '../webhooks/webhooks.service';
import { DeliveriesRepository } from './deliveries.repository';
import { AuditApiException } from '../common/audit-api.exception';
import { decodeDeliveryCursor, encodeDeliveryCursor } from './delivery-cursor';
import type { DeliveryDetailDto } from './dto/delivery-detail.dto';
import type { DeliveryPageDto } from './dto/delivery-page.dto';
import { DEFAULT_PAGE_SIZE, type ListDeliveriesQueryDto } from './dto/list-deliveries.query.dto';
import { toDeliveryDetailDto, toDeliverySummaryDto } from './map-delivery';

@Injectable()
export class DeliveriesService {
  constructor(
    private readonly repository: DeliveriesRepository,
    private readonly webhooks: WebhooksService,
  ) {}

  /** A webhook's log history, newest first, one keyset page at a time. */
  async listForWebhook(
    organizationId: string,
    webhookId: string,
    query: ListDeliveriesQueryDto,
  ): Promise<DeliveryPageDto> {
    // Another organization's webhook answers exactly like a missing one.
    if ((await this.webhooks.findOwned(organizationId, webhookId)) === null) {
      throw AuditApiException.webhookNotFound(webhookId);
    }
    const after = query.cursor === undefined ? null : decodeDeliveryCursor(query.cursor);
    if (query.cursor !== undefined && after === null) {
      throw AuditApiException.invalidCursor();
    }
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.repository.listForWebhook(
      {
        organizationId,
        webhookId,
        status: query.status ?? null,
        eventType: query.eventType ?? null,
        eventId: query.eventId ?? null,
        backfillId: query.backfillId ?? null,
        from: query.from === undefined ? null : new Date(query.from),
        to: query.to === undefined ? null : new Date(query.to),
        after,
      },
      limit + 1,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toDeliverySummaryDto),
      nextCursor:
        rows.length > limit && last !== undefined
          ? encodeDeliveryCursor({ createdAt: last.createdAt, id: last.id })
          : null,
    };
  }

  async getDelivery(organizationId: string, deliveryId: string): Promise<DeliveryDetailDto> {
    const found = await this.repository.findDetail(organizationId, deliveryId);
    if (found === null) {
      throw AuditApiException.deliveryNotFound(deliveryId);
    }
    return toDeliveryDetailDto(found.delivery, found.attempts, found.payload);
  }
}
