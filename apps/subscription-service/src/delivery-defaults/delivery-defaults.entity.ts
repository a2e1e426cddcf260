import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { RetryPolicy } from '@hookline/contracts';
import { SUBSCRIPTION_SCHEMA } from '../database/schema';
import { Organization } from '../organizations/organization.entity';

/** An organization's retry schedule and TTL for one event type, over the catalog's defaults. */
@Entity({ name: 'delivery_defaults', schema: SUBSCRIPTION_SCHEMA })
export class DeliveryDefaultsEntity {
  @PrimaryColumn({
    type: 'text',
    name: 'organization_id',
    primaryKeyConstraintName: 'delivery_defaults_pkey',
  })
  organizationId!: string;

  @PrimaryColumn({ type: 'text', name: 'event_type', primaryKeyConstraintName: 'delivery_defaults_pkey' })
  eventType!: string;

  @ManyToOne(() => Organization, { nullable: false })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'delivery_defaults_organization_id_fkey' })
  organization?: Organization;

  /** null: the catalog's schedule. */
  @Column({ type: 'jsonb', name: 'retry_policy', nullable: true })
  retryPolicy!: RetryPolicy | null;

  /** null: the catalog's TTL. */
  @Column({ type: 'integer', name: 'ttl_seconds', nullable: true })
  ttlSeconds!: number | null;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
