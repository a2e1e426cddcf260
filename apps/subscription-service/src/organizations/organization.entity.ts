import { Column, Entity, PrimaryColumn } from 'typeorm';
import { SUBSCRIPTION_SCHEMA } from '../database/schema';

/** A customer of the platform; owns API keys and webhooks. */
@Entity({ name: 'organization', schema: SUBSCRIPTION_SCHEMA })
export class Organization {
  /** `org_<ULID>`. */
  @PrimaryColumn('text', { primaryKeyConstraintName: 'organization_pkey' }) id!: string;

  @Column('text') name!: string;

  @Column('timestamptz', { default: () => 'now()' }) createdAt!: Date;
}
