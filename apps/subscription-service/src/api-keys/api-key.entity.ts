import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ApiScope } from '@hookline/contracts';
import { ParentRow } from '../database/parent-row.decorator';
import { SUBSCRIPTION_SCHEMA } from '../database/schema';
import { Organization } from '../organizations/organization.entity';

/** An organization's API key; only the sha256 of the key is stored. */
@Entity({ name: 'api_key', schema: SUBSCRIPTION_SCHEMA })
@Index('api_key_hash_key', ['hash'], { unique: true })
@Index('api_key_organization_id_idx', ['organizationId'])
export class ApiKey {
  /** `key_<ULID>`. */
  @PrimaryColumn('text', { primaryKeyConstraintName: 'api_key_pkey' }) id!: string;

  @Column('text') organizationId!: string;

  @ParentRow(() => Organization, 'api_key', 'organization_id')
  organization?: Organization;

  @Column('text') name!: string;

  /** The first characters of the key, shown in lists so users can tell keys apart. */
  @Column('text') prefix!: string;

  /** sha256 hex of the full key. */
  @Column('text') hash!: string;

  @Column('text', { array: true }) scopes!: ApiScope[];

  @Column('timestamptz', { default: () => 'now()' }) createdAt!: Date;

  @Column('timestamptz', { nullable: true }) lastUsedAt!: Date | null;

  @Column('timestamptz', { nullable: true }) revokedAt!: Date | null;
}
