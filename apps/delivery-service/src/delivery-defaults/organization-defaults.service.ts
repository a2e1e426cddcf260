import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import {
  Topics,
  deliveryDefaultsKey,
  validateDeliveryDefaults,
  type DeliveryDefaults,
  type Validated,
} from '@hookline/contracts';
import { CompactedTopicTable, holdByKey } from '@hookline/kafka';
import { KAFKA, type ReadinessCheck } from '@hookline/platform';
import { DeliveryEnv } from '../config/delivery.env';
import { DeliveryMetrics } from '../metrics/delivery.metrics';

/** Materialises `hookline.delivery-defaults.v1`: each organization's own retry schedule and TTL per event type. */
@Injectable()
export class OrganizationDefaults extends CompactedTopicTable<DeliveryDefaults> implements ReadinessCheck {
  readonly name = 'delivery-defaults';
  private readonly logger = new Logger(OrganizationDefaults.name);
  private readonly byKey = new Map<string, DeliveryDefaults>();

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    config: DeliveryEnv,
    private readonly metrics: DeliveryMetrics,
  ) {
    super(kafka, {
      topic: Topics.deliveryDefaults,
      groupPrefix: `${config.DELIVERY_CONSUMER_GROUP}-delivery-defaults`,
    });
  }

  /** The organization's own defaults for the type, if it set any. */
  of(organizationId: string, eventType: string): DeliveryDefaults | undefined {
    return this.byKey.get(deliveryDefaultsKey(organizationId, eventType));
  }

  protected validate(key: string, decoded: unknown): Validated<DeliveryDefaults> {
    return validateDeliveryDefaults(decoded, key);
  }

  protected hold(key: string, value: DeliveryDefaults | null): void {
    holdByKey(this.byKey, key, value);
  }

  protected rejected(key: string, reason: string): void {
    // The catalog's defaults are the safe fallback until subscription-service writes a valid value.
    this.metrics.rejectedDeliveryDefaults.inc();
    this.logger.error(
      `Delivery defaults ${key} ignored: the value on ${Topics.deliveryDefaults} is invalid: ${reason}`,
    );
  }
}
