import type { DeliveryStatus } from '@hookline/contracts';
import type { DeliveryCursor } from './delivery-cursor';

export interface DeliveryListFilter {
  organizationId: string;
  webhookId: string;
  status: DeliveryStatus | null;
  eventType: string | null;
  eventId: string | null;
  /** Only deliveries this backfill made. */
  backfillId: string | null;
  /** Inclusive. */
  from: Date | null;
  /** Exclusive. */
  to: Date | null;
  after: DeliveryCursor | null;
}

export interface SqlQuery {
  sql: string;
  params: unknown[];
}

const DELIVERY_COLUMNS: Record<string, string> = {
  id: 'id',
  organizationId: 'organization_id',
  webhookId: 'webhook_id',
  eventId: 'event_id',
  eventType: 'event_type',
  subject: 'subject',
  url: 'url',
  status: 'status',
  attemptCount: 'attempt_count',
  lastAttemptId: 'last_attempt_id',
  lastAttemptNumber: 'last_attempt_number',
  lastResponseStatus: 'last_response_status',
  lastOutcome: 'last_outcome',
  lastAttemptAt: 'last_attempt_at',
  nextAttemptAt: 'next_attempt_at',
  heldReason: 'held_reason',
  backfillId: 'backfill_id',
  eventOccurredAt: 'event_occurred_at',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
};

/**
 * A page of a webhook's log, newest first. The inner query picks the page's ids from
 * `delivery_webhook_list_idx` alone (its INCLUDE columns answer the status, event type and
 * organization filters, so it can run index-only); only the page's rows are then read.
 */
export function buildDeliveryListQuery(filter: DeliveryListFilter, limit: number): SqlQuery {
  const params: unknown[] = [filter.webhookId, filter.organizationId];
  const conditions = ['webhook_id = $1', 'organization_id = $2'];
  const add = (condition: (placeholder: string) => string, value: unknown) => {
    params.push(value);
    conditions.push(condition(`$${params.length}`));
  };
  if (filter.status !== null) {
    add((p) => `status = ${p}`, filter.status);
  }
  if (filter.eventType !== null) {
    add((p) => `event_type = ${p}`, filter.eventType);
  }
  if (filter.eventId !== null) {
    add((p) => `event_id = ${p}`, filter.eventId);
  }
  if (filter.backfillId !== null) {
    add((p) => `backfill_id = ${p}`, filter.backfillId);
  }
  if (filter.from !== null) {
    add((p) => `created_at >= ${p}`, filter.from.toISOString());
  }
  if (filter.to !== null) {
    add((p) => `created_at < ${p}`, filter.to.toISOString());
  }
  if (filter.after !== null) {
    params.push(filter.after.createdAt.toISOString(), filter.after.id);
    conditions.push(`(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length})`);
  }
  params.push(limit);
  const columns = Object.entries(DELIVERY_COLUMNS)
    .map(([property, column]) => `d.${column} AS "${property}"`)
    .join(', ');
  return {
    sql: `SELECT ${columns}
      FROM (
        SELECT id, created_at FROM audit.delivery
        WHERE ${conditions.join(' AND ')}
        ORDER BY created_at DESC, id DESC
        LIMIT $${params.length}
      ) page
      JOIN audit.delivery d ON d.id = page.id
      ORDER BY page.created_at DESC, page.id DESC`,
    params,
  };
}
