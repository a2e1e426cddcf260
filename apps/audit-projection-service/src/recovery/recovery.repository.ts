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

/** A delivery with its payload's columns, if the payload is still kept. */
interface Row extends Omit<RecoverableDelivery, 'payload'> {
  body: DeliveredPayload | null;
  occurredAt: Date | null;
}

// Columns are aliased to the names of RecoverableDelivery.
const SELECT_WITH_PAYLOAD = `
  SELECT d.id, d.organization_id AS "organizationId", d.webhook_id AS "webhookId", d.subject, d.status,
    d.attempt_count AS "attemptCount", d.next_attempt_at AS "nextAttemptAt", d.created_at AS "createdAt",
    p.body, p.occurred_at AS "occurredAt"
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

function toRecoverable({ body, occurredAt, ...delivery }: Row): RecoverableDelivery {
  return { ...delivery, payload: body === null || occurredAt === null ? null : { body, occurredAt } };
}
