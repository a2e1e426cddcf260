import { Injectable, Logger } from '@nestjs/common';
import type { DeliveryCommand } from '@hookline/contracts';
import { serializePayload } from '../attempts/serialize-payload';
import { DeliveryService } from '../pipeline/delivery.service';
import { DeliveryMetrics } from '../metrics/delivery.metrics';
import { RoutingService } from '../routing/routing.service';

/**
 * Manual redelivery: one new attempt now, with the attempt number and delivery id audit asked for and
 * the event id as `webhook-id`. It skips the breaker (someone is checking the endpoint) but respects
 * the webhook's concurrency and rate limits; a failure is final (no retry schedule).
 */
@Injectable()
export class RedeliveryService {
  private readonly logger = new Logger(RedeliveryService.name);

  constructor(
    private readonly routing: RoutingService,
    private readonly deliveries: DeliveryService,
    private readonly metrics: DeliveryMetrics,
  ) {}

  async redeliver(command: DeliveryCommand): Promise<void> {
    const webhook = this.routing.webhook(command.webhookId);
    if (webhook === null || webhook.organizationId !== command.organizationId) {
      this.metrics.dropped.inc({ reason: 'command_webhook_unknown' });
      this.metrics.redeliveries.inc({ outcome: 'webhook_unknown' });
      this.logger.warn(
        `Redelivery ${command.commandId} of ${command.deliveryId} not attempted: webhook ${command.webhookId} no longer exists`,
      );
      return;
    }
    this.metrics.redeliveries.inc({ outcome: 'attempted' });
    await this.deliveries.deliver({
      deliveryId: command.deliveryId,
      event: command.event,
      webhook,
      payload: serializePayload(command.event),
      attempt: command.attempt,
      mode: 'manual',
      failingSinceMs: null,
      backfillId: null,
    });
  }
}
