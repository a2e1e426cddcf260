import { BACKFILL_REQUEST_SCHEMA, KafkaHeaders, Topics, type BackfillRequest } from '@hookline/contracts';
import type { OutboxEntry } from '../outbox/outbox.repository';
import type { Backfill } from './backfill.entity';

/** The backfill's desired state for delivery; `running` while pending or running, else its end. */
export function toBackfillRequest(backfill: Backfill): BackfillRequest {
  return {
    id: backfill.id,
    organizationId: backfill.organizationId,
    webhookId: backfill.webhookId,
    since: backfill.since.toISOString(),
    until: backfill.until.toISOString(),
    eventTypes: backfill.eventTypes,
    status: backfill.status === 'pending' ? 'running' : backfill.status,
    requestedAt: backfill.createdAt.toISOString(),
  };
}

/** The `hookline.backfills.v1` message that carries it, key = backfill id. */
export function backfillRequestEntry(backfill: Backfill): OutboxEntry {
  return {
    topic: Topics.backfills,
    key: backfill.id,
    payload: toBackfillRequest(backfill),
    headers: { [KafkaHeaders.schema]: BACKFILL_REQUEST_SCHEMA },
  };
}
