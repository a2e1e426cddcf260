import { Injectable } from '@nestjs/common';
import type { DeliveredPayload, DeliveryStatus } from '@hookline/contracts';
import { DataSource } from 'typeorm';

export interface RecoverableDelivery {
  id: string;
  organizationId: string;
  webhookId: string;
  subject: string;
  status: DeliveryStatus;
  attemptCount: number;
  nextAttemptAt: Date | null;
  createdAt: Date;
  /** Null once the payload is past its retention. */
  payload: { body: DeliveredPayload; occurredAt: Date } | null;
}

interface Row {
  id: string;
  organization_id: string;
  webhook_id: string;
  subject: string;
  status: DeliveryStatus;
  attempt_count: number;
  next_attempt_at: Date | null;
  created_at: Date;
  body: DeliveredPayload | null;
  occurred_at: Date | null;
}

const SELECT_WITH_PAYLOAD = `
  SELECT d.id, d.organization_id, d.webhook_id, d.subject, d.status, d.attempt_count, d.next_attempt_at,
    d.created_at, p.body, p.occurred_at
  FROM audit.delivery d
  LEFT JOIN audit.payload p ON p.event_id = d.event_id AND p.organization_id = d.organization_id`;

@Injectable()
export class RecoveryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** By primary key. */
  async findDelivery(organizationId: string, deliveryId: string): Promise<RecoverableDelivery | null> {
    const rows = await this.dataSource.query<Row[]>(
      `${SELECT_WITH_PAYLOAD} WHERE d.id = $1 AND d.organization_id = $2`,
      [deliveryId, organizationId],
    );
    return rows.length === 0 ? null : toRecoverable(rows[0]);
  }

  /** Failed deliveries of a webhook created at or after `since`, oldest first (`delivery_webhook_failed_idx`). */
  async findFailedSince(
    organizationId: string,
    webhookId: string,
    since: Date,
    limit: number,
  ): Promise<RecoverableDelivery[]> {
    const rows = await this.dataSource.query<Row[]>(
      `${SELECT_WITH_PAYLOAD}
       WHERE d.webhook_id = $1 AND d.status = 'failed' AND d.created_at >= $2 AND d.organization_id = $3
       ORDER BY d.created_at, d.id
       LIMIT $4`,
      [webhookId, since.toISOString(), organizationId, limit],
    );
    return rows.map(toRecoverable);
  }
}

function toRecoverable(row: Row): RecoverableDelivery {
  return {
    id: row.id,
    organizationId: row.organization_id,
    webhookId: row.webhook_id,
    subject: row.subject,
    status: row.status,
    attemptCount: row.attempt_count,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
    payload:
      row.body === null || row.occurred_at === null ? null : { body: row.body, occurredAt: row.occurred_at },
  };
}
