import { KafkaHeaders, Topics, deliveryDefaultsKey, type DeliveryDefaults } from '@hookline/contracts';
import type { OutboxEntry } from '../outbox/outbox.repository';
import type { DeliveryDefaultsEntity } from './delivery-defaults.entity';

export function toDeliveryDefaults(row: DeliveryDefaultsEntity): DeliveryDefaults {
  return {
    organizationId: row.organizationId,
    eventType: row.eventType,
    retryPolicy: row.retryPolicy,
    ttlSeconds: row.ttlSeconds,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The `hookline.delivery-defaults.v1` message carrying the organization's defaults for the type. */
export function deliveryDefaultsEntry(row: DeliveryDefaultsEntity): OutboxEntry {
  return {
    topic: Topics.deliveryDefaults,
    key: deliveryDefaultsKey(row.organizationId, row.eventType),
    payload: toDeliveryDefaults(row),
    headers: { [KafkaHeaders.schema]: 'delivery-defaults.v1' },
  };
}

/** A tombstone: delivery forgets the organization's defaults for the type, the catalog's apply again. */
export function deliveryDefaultsTombstone(organizationId: string, eventType: string): OutboxEntry {
  return {
    topic: Topics.deliveryDefaults,
    key: deliveryDefaultsKey(organizationId, eventType),
    payload: null,
  };
}
