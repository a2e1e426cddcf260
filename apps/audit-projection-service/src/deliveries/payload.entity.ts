import type { DeliveredPayload } from '@hookline/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The body receivers got for an event, stored once however many webhooks it went to. */
@Entity({ name: 'payload' })
@Index('payload_occurred_idx', ['occurredAt'])
export class PayloadEntity {
  @PrimaryColumn('text') eventId!: string;

  @Column('text') organizationId!: string;

  @Column('text') eventType!: string;

  @Column('jsonb') body!: DeliveredPayload;

  @Column('timestamptz') occurredAt!: Date;

  /** When the earliest attempt of any delivery of the event started. */
  @Column('timestamptz') createdAt!: Date;
}
