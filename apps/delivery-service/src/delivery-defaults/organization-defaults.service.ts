import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import {
  Topics,
  deliveryDefaultsKey,
  validateDeliveryDefaults,
  type DeliveryDefaults,
} from '@hookline/contracts';
import { CompactedTopicReader, decodeJson } from '@hookline/kafka';
import { KAFKA, type ReadinessCheck } from '@hookline/platform';
import { DeliveryEnv } from '../config/delivery.env';
import { DeliveryMetrics } from '../metrics/delivery.metrics';

/** Materialises `hookline.delivery-defaults.v1`: each organization's own retry schedule and TTL per event type. */
@Injectable()
export class OrganizationDefaults implements OnModuleInit, OnApplicationShutdown, ReadinessCheck {
  readonly name = 'delivery-defaults';
  private readonly logger = new Logger(OrganizationDefaults.name);
  private readonly byKey = new Map<string, DeliveryDefaults>();
  private readonly reader: CompactedTopicReader;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    config: DeliveryEnv,
    private readonly metrics: DeliveryMetrics,
  ) {
    this.reader = new CompactedTopicReader(kafka, {
      topic: Topics.deliveryDefaults,
      groupPrefix: `${config.DELIVERY_CONSUMER_GROUP}-delivery-defaults`,
      onRecord: (key, value) => this.applyRecord(key, value),
    });
  }

  /** Resolves once every value published before this process started is held. */
  get ready(): Promise<void> {
    return this.reader.ready;
  }

  async onModuleInit(): Promise<void> {
    await this.reader.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reader.stop();
  }

  async check(): Promise<void> {
    if (!this.reader.caughtUp) {
      throw new Error(`still reading ${Topics.deliveryDefaults} from the beginning`);
    }
  }

  /** The organization's own defaults for the type, if it set any. */
  of(organizationId: string, eventType: string): DeliveryDefaults | undefined {
    return this.byKey.get(deliveryDefaultsKey(organizationId, eventType));
  }

  /** Applies one record of the compacted topic; exposed for the reader callback and tests. */
  applyRecord(key: string, value: Buffer | null): void {
    if (value === null) {
      this.byKey.delete(key);
      return;
    }
    const decoded = decodeJson(value);
    const parsed = decoded.ok ? validateDeliveryDefaults(decoded.value, key) : decoded;
    if (parsed.ok) {
      this.byKey.set(key, parsed.value);
      return;
    }
    // An unreadable value must not leave an older one applying; the catalog's defaults are the safe fallback,
    // and the record stays on the topic until subscription-service writes a valid one.
    this.byKey.delete(key);
    this.metrics.rejectedDeliveryDefaults.inc();
    this.logger.error(
      `Delivery defaults ${key} ignored: the value on ${Topics.deliveryDefaults} is invalid: ${parsed.reason}`,
    );
  }
}
