import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { ApiScope } from '@hookline/contracts';
import { SUBSCRIPTION_SCHEMA } from '../database/schema';
import { Organization } from '../organizations/organization.entity';

/** An organization's API key; only the sha256 of the key is stored. */
@Entity({ name: 'api_key', schema: SUBSCRIPTION_SCHEMA })
@Index('api_key_hash_key', ['hash'], { unique: true })
@Index('api_key_organization_id_idx', ['organizationId'])
export class ApiKey {
  /** `key_<ULID>`. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'api_key_pkey' })
  id!: string;

  @Column({ type: 'text', name: 'organization_id' })
  organizationId!: string;

  @ManyToOne(() => Organization, { nullable: false })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'api_key_organization_id_fkey' })
  organization?: Organization;

  @Column({ type: 'text' })
  name!: string;

  /** The first characters of the key, shown in lists so users can tell keys apart. */
  @Column({ type: 'text' })
  prefix!: string;

  /** sha256 hex of the full key. */
  @Column({ type: 'text' })
  hash!: string;

  @Column({ type: 'text', array: true })
  scopes!: ApiScope[];

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'last_used_at', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;
}
