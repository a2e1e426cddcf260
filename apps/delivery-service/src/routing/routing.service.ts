import { EventEmitter } from 'node:events';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { Topics, type Validated, type WebhookState } from '@hookline/contracts';
import { CompactedTopicTable } from '@hookline/kafka';
import { KAFKA, type ReadinessCheck } from '@hookline/platform';
import { DeliveryEnv } from '../config/delivery.env';
import { DeliveryMetrics } from '../metrics/delivery.metrics';
import { matchEndpoints, type RoutedEvent } from './match-endpoints';
import { parseWebhookState } from './parse-webhook-state';
import { RoutingTable } from './routing-table';

/** Materialises `hookline.subscriptions.v1` and answers which webhooks an event goes to. */
@Injectable()
export class RoutingService extends CompactedTopicTable<WebhookState> implements ReadinessCheck {
  readonly name = 'routing-table';
  private readonly logger = new Logger(RoutingService.name);
  private readonly table = new RoutingTable();
  private readonly changes = new EventEmitter().setMaxListeners(0);

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    config: DeliveryEnv,
    private readonly metrics: DeliveryMetrics,
  ) {
    super(kafka, { topic: Topics.subscriptions, groupPrefix: `${config.DELIVERY_CONSUMER_GROUP}-routing` });
  }

  webhook(webhookId: string): WebhookState | null {
    return this.table.get(webhookId);
  }

  /**
   * The webhook once the table holds at least `minVersion` of it, or whatever it holds (maybe nothing)
   * after `timeoutMs`. Used by targeted events created together with a webhook state change.
   */
  waitForWebhook(webhookId: string, minVersion: number, timeoutMs: number): Promise<WebhookState | null> {
    const held = this.webhook(webhookId);
    if ((held !== null && held.version >= minVersion) || timeoutMs <= 0) {
      return Promise.resolve(held);
    }
    return new Promise((resolve) => {
      const onChange = (changedId: string) => {
        if (changedId !== webhookId) {
          return;
        }
        const current = this.webhook(webhookId);
        if (current !== null && current.version >= minVersion) {
          finish(current);
        }
      };
      const finish = (value: WebhookState | null) => {
        clearTimeout(timer);
        this.changes.off('change', onChange);
        resolve(value);
      };
      const timer = setTimeout(() => finish(this.webhook(webhookId)), timeoutMs);
      this.changes.on('change', onChange);
    });
  }

  matchEndpoints(event: RoutedEvent): WebhookState[] {
    return matchEndpoints(this.table.webhooksOf(event.organizationId), event);
  }

  protected validate(webhookId: string, decoded: unknown): Validated<WebhookState> {
    const parsed = parseWebhookState(webhookId, decoded);
    return parsed.ok ? parsed : { ok: false, reason: parsed.errors.join('; ') };
  }

  /** A state older than the one held is ignored by the table; every record may wake a waiter. */
  protected hold(webhookId: string, state: WebhookState | null): void {
    this.table.apply(webhookId, state);
    this.metrics.routedWebhooks.set(this.table.size);
    this.changes.emit('change', webhookId);
  }

  protected rejected(webhookId: string, reason: string): void {
    // Fail closed: an unreadable state must not leave an older (maybe more permissive) one routing events.
    this.metrics.rejectedWebhookStates.inc();
    this.logger.error(
      `Webhook ${webhookId} removed from routing: its state on ${Topics.subscriptions} is invalid: ${reason}`,
    );
  }
}
