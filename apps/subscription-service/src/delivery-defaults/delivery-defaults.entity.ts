import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RetryPolicy } from '@hookline/contracts';
import { ParentRow } from '../database/parent-row.decorator';
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

  @PrimaryColumn('text', { primaryKeyConstraintName: 'delivery_defaults_pkey' }) eventType!: string;

  @ParentRow(() => Organization, 'delivery_defaults', 'organization_id')
  organization?: Organization;

  /** null: the catalog's schedule. */
  @Column('jsonb', { nullable: true }) retryPolicy!: RetryPolicy | null;

  /** null: the catalog's TTL. */
  @Column('integer', { nullable: true }) ttlSeconds!: number | null;

  @Column('integer') version!: number;

  @Column('timestamptz') updatedAt!: Date;
}
