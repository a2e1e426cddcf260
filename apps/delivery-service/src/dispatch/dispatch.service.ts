import { Injectable, Logger } from '@nestjs/common';
import type { EventEnvelope, EventTarget, WebhookState } from '@hookline/contracts';
import { KeyedSerialQueue, OutputSink } from '@hookline/kafka';
import { serializePayload } from '../attempts/serialize-payload';
import { DeliveryEnv } from '../config/delivery.env';
import { firstAttemptJob, taskFor } from '../pipeline/delivery-job';
import { DeliveryService } from '../pipeline/delivery.service';
import { DeliveryMetrics } from '../metrics/delivery.metrics';
import { orderedLaneBatch } from '../ordering/ordered-lane-batch';
import { RoutingService } from '../routing/routing.service';

/** Fans a domain event out to its webhooks: ordered ones through their lane, the others attempted now. */
@Injectable()
export class DispatchService {
  private readonly logger = new Logger(DispatchService.name);
  private readonly bySubject = new KeyedSerialQueue();

  constructor(
    private readonly routing: RoutingService,
    private readonly deliveries: DeliveryService,
    private readonly sink: OutputSink,
    private readonly metrics: DeliveryMetrics,
    private readonly config: DeliveryEnv,
  ) {}

  /**
   * The webhooks `event` goes to, or null for a targeted event (an activation test), whose target is
   * looked up, and waited for, when it is dispatched.
   */
  recipientsOf(event: EventEnvelope): readonly WebhookState[] | null {
    return event.target ? null : this.routing.matchEndpoints(event);
  }

  /**
   * Starts every delivery of `event` and resolves once each is durably recorded: attempted (attempt
   * event written, next retry queued) or handed to its lane. Work for ordered webhooks is queued
   * before this returns, so lane tasks keep the order of the domain partition. `recipients` is what
   * `recipientsOf` answered, when the caller already asked.
   */
  dispatch(event: EventEnvelope, recipients = this.recipientsOf(event)): Promise<void> {
    if (event.target) {
      return this.dispatchTargeted(event, event.target);
    }
    return this.fanOut(event, recipients ?? []);
  }

  /** Hookline's own targeted events (activation tests) go to that webhook only, active or not. */
  private async dispatchTargeted(event: EventEnvelope, target: EventTarget): Promise<void> {
    const webhook = await this.routing.waitForWebhook(
      target.webhookId,
      target.minVersion,
      this.config.DELIVERY_TARGET_WAIT_MS,
    );
    if (webhook === null) {
      this.metrics.dropped.inc({ reason: 'target_unknown' });
      this.logger.warn(
        `Dropped ${event.type} ${event.id}: its target webhook ${target.webhookId} is unknown (deleted?) after waiting ${this.config.DELIVERY_TARGET_WAIT_MS} ms for version ${target.minVersion}`,
      );
      return;
    }
    if (webhook.organizationId !== event.organizationId) {
      this.metrics.dropped.inc({ reason: 'target_other_organization' });
      this.logger.warn(
        `Dropped ${event.type} ${event.id}: its target webhook ${target.webhookId} belongs to another organization`,
      );
      return;
    }
    await this.fanOut(event, [webhook]);
  }

  private async fanOut(event: EventEnvelope, webhooks: readonly WebhookState[]): Promise<void> {
    if (webhooks.length === 0) {
      return;
    }
    const payload = serializePayload(event);
    await Promise.all(
      webhooks.map((webhook) => {
        const job = firstAttemptJob(event, webhook, payload);
        if (webhook.ordered) {
          return this.sink.publish([orderedLaneBatch([taskFor(job, 1, Date.now(), null)])]);
        }
        // Best effort for unordered webhooks: one subject's events reach a webhook one at a time, in order.
        return this.bySubject.run(`${webhook.id}\u0000${event.subject}`, () => this.deliveries.deliver(job));
      }),
    );
  }
}
