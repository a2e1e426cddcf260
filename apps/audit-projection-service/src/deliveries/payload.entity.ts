import type { DeliveredPayload } from '@hookline/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The body receivers got for an event, stored once however many webhooks it went to. */
@Entity({ name: 'payload' })
@Index('payload_occurred_idx', ['occurredAt'])
export class PayloadEntity {
  @PrimaryColumn({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ name: 'organization_id', type: 'text' })
  organizationId!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ type: 'jsonb' })
  body!: DeliveredPayload;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  /** When the earliest attempt of any delivery of the event started. */
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
