import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { EventEnvelope } from '@hookline/contracts';

/** An idempotency key of an organization and the event it first accepted. */
@Entity({ name: 'idempotency_key', schema: 'ingest' })
@Index('idx_idempotency_key_created_at', ['createdAt'])
export class IdempotencyKeyEntity {
  @PrimaryColumn({ name: 'organization_id', type: 'text' })
  organizationId!: string;

  @PrimaryColumn({ name: 'key', type: 'text' })
  key!: string;

  @Column({ name: 'request_hash', type: 'text' })
  requestHash!: string;

  @Column({ name: 'envelope', type: 'jsonb' })
  envelope!: EventEnvelope;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  /** While in the future, the request that set it is publishing the event; others wait for it. */
  @Column({ name: 'publish_lease_until', type: 'timestamptz', nullable: true })
  publishLeaseUntil!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
