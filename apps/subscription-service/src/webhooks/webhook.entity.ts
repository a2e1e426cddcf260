import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type {
  EndpointAuth,
  EndpointTls,
  RetryPolicy,
  SignatureScheme,
  WebhookFilter,
} from '@hookline/contracts';
import { SUBSCRIPTION_SCHEMA } from '../database/schema';
import { Organization } from '../organizations/organization.entity';

/** A customer endpoint and the events it receives. Credentials in `auth` are encrypted (AAD = id). */
@Entity({ name: 'webhook', schema: SUBSCRIPTION_SCHEMA })
@Index('webhook_organization_id_id_idx', ['organizationId', 'id'])
export class Webhook {
  /** `wh_<ULID>`; ULIDs sort by creation time, which the list's cursor relies on. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'webhook_pkey' })
  id!: string;

  @Column({ type: 'text', name: 'organization_id' })
  organizationId!: string;

  @ManyToOne(() => Organization, { nullable: false })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'webhook_organization_id_fkey' })
  organization?: Organization;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'text' })
  url!: string;

  /** Exact types, `resource.*` or `*`. */
  @Column({ type: 'text', array: true })
  events!: string[];

  /** Of the events of those types, only the ones this selects; null = all of them. */
  @Column({ type: 'jsonb', nullable: true })
  filter!: WebhookFilter | null;

  @Column({ type: 'boolean' })
  active!: boolean;

  @Column({ type: 'jsonb', default: () => `'{"type": "none"}'` })
  auth!: EndpointAuth;

  /** Custom request headers: names in clear, values sealed (AAD = webhook id). */
  @Column({ type: 'jsonb', name: 'encrypted_headers', default: () => `'{}'` })
  encryptedHeaders!: Record<string, string>;

  /** Custom headers stored in clear before values were sealed; emptied by the next change. */
  @Column({ type: 'jsonb', name: 'headers', default: () => `'{}'` })
  legacyHeaders!: Record<string, string>;

  /** Client certificate and CA bundle in PEM; the private key sealed (AAD = webhook id). null = plain TLS. */
  @Column({ type: 'jsonb', nullable: true })
  tls!: EndpointTls | null;

  /** null: the event type's default schedule applies (see docs/delivery.md). */
  @Column({ type: 'jsonb', name: 'retry_policy', nullable: true })
  retryPolicy!: RetryPolicy | null;

  @Column({ type: 'integer', name: 'timeout_seconds', default: 15 })
  timeoutSeconds!: number;

  @Column({ type: 'jsonb', name: 'signature_scheme', default: () => `'{"type": "standard-webhooks"}'` })
  signatureScheme!: SignatureScheme;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  metadata!: Record<string, string>;

  /** Deliveries of one subject arrive in acceptance order; a failing one holds the later ones. */
  @Column({ type: 'boolean', default: false })
  ordered!: boolean;

  /** Deliveries per second to the endpoint; null = unlimited. */
  @Column({ type: 'integer', name: 'rate_limit_per_second', nullable: true })
  rateLimitPerSecond!: number | null;

  /** Requests in flight to the endpoint at once; null = the platform default. */
  @Column({ type: 'integer', name: 'max_concurrency', nullable: true })
  maxConcurrency!: number | null;

  /** Bumped on every change; consumers of the state topic ignore a state older than the one they hold. */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  /** Why the platform turned the endpoint off (e.g. it answered 410), or null. */
  @Column({ type: 'text', name: 'disabled_reason', nullable: true })
  disabledReason!: string | null;

  /** When the platform turned the endpoint off; null unless `disabledReason` is set. */
  @Column({ type: 'timestamptz', name: 'disabled_at', nullable: true })
  disabledAt!: Date | null;

  /** When it was last switched on; a disable signal from before then is about an older endpoint. */
  @Column({ type: 'timestamptz', name: 'activated_at', nullable: true })
  activatedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
}
