import { EventEmitter } from 'node:events';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { Topics, type WebhookState } from '@hookline/contracts';
import { CompactedTopicReader, decodeJson } from '@hookline/kafka';
import { KAFKA, type ReadinessCheck } from '@hookline/platform';
import { DeliveryEnv } from '../config/delivery.env';
import { DeliveryMetrics } from '../metrics/delivery.metrics';
import { matchEndpoints, type RoutedEvent } from './match-endpoints';
import { parseWebhookState } from './parse-webhook-state';
import { RoutingTable } from './routing-table';

/** Materialises `hookline.subscriptions.v1` and answers which webhooks an event goes to. */
@Injectable()
export class RoutingService implements OnModuleInit, OnApplicationShutdown, ReadinessCheck {
  readonly name = 'routing-table';
  private readonly logger = new Logger(RoutingService.name);
  private readonly table = new RoutingTable();
  private readonly reader: CompactedTopicReader;
  private readonly changes = new EventEmitter().setMaxListeners(0);

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    config: DeliveryEnv,
    private readonly metrics: DeliveryMetrics,
  ) {
    this.reader = new CompactedTopicReader(kafka, {
      topic: Topics.subscriptions,
      groupPrefix: `${config.DELIVERY_CONSUMER_GROUP}-routing`,
      onRecord: (key, value) => this.applyRecord(key, value),
    });
  }

  /** Resolves once every state published before this process started is in the table. */
  get ready(): Promise<void> {
    return this.reader.ready;
  }

  get caughtUp(): boolean {
    return this.reader.caughtUp;
  }

  async onModuleInit(): Promise<void> {
    await this.reader.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reader.stop();
  }

  async check(): Promise<void> {
    if (!this.reader.caughtUp) {
      throw new Error(`still reading ${Topics.subscriptions} from the beginning`);
    }
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

  /** Applies one record of the compacted topic; exposed for the reader callback and tests. */
  applyRecord(webhookId: string, value: Buffer | null): void {
    if (value === null) {
      this.table.apply(webhookId, null);
    } else {
      this.applyState(webhookId, value);
    }
    this.metrics.routedWebhooks.set(this.table.size);
    this.changes.emit('change', webhookId);
  }

  private applyState(webhookId: string, value: Buffer): void {
    const decoded = decodeJson(value);
    const parsed = decoded.ok
      ? parseWebhookState(webhookId, decoded.value)
      : { ok: false as const, errors: [decoded.reason] };
    if (parsed.ok) {
      this.table.apply(webhookId, parsed.value);
      return;
    }
    // Fail closed: an unreadable state must not leave an older (maybe more permissive) one routing events.
    // The record stays on the compacted topic, so nothing is lost; the fix is a new state from subscription-service.
    this.table.apply(webhookId, null);
    this.metrics.rejectedWebhookStates.inc();
    this.logger.error(
      `Webhook ${webhookId} removed from routing: its state on ${Topics.subscriptions} is invalid: ${parsed.errors.join('; ')}`,
    );
  }
}
