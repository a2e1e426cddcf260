import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { EventEnvelope } from '@hookline/contracts';

/** An idempotency key of an organization and the event it first accepted. */
@Entity({ name: 'idempotency_key', schema: 'ingest' })
@Index('idx_idempotency_key_created_at', ['createdAt'])
export class IdempotencyKeyEntity {
  @PrimaryColumn('text') organizationId!: string;

  @PrimaryColumn('text') key!: string;

  @Column('text') requestHash!: string;

  @Column('jsonb') envelope!: EventEnvelope;

  @Column('timestamptz', { nullable: true }) publishedAt!: Date | null;

  /** While in the future, the request that set it is publishing the event; others wait for it. */
  @Column('timestamptz', { nullable: true }) publishLeaseUntil!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
