import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type {
  EndpointAuth,
  EndpointTls,
  RetryPolicy,
  SignatureScheme,
  WebhookFilter,
} from '@hookline/contracts';
import { ParentRow } from '../database/parent-row.decorator';
import { SUBSCRIPTION_SCHEMA } from '../database/schema';
import { Organization } from '../organizations/organization.entity';

/** A customer endpoint and the events it receives. Credentials in `auth` are encrypted (AAD = id). */
@Entity({ name: 'webhook', schema: SUBSCRIPTION_SCHEMA })
@Index('webhook_organization_id_id_idx', ['organizationId', 'id'])
export class Webhook {
  /** `wh_<ULID>`; ULIDs sort by creation time, which the list's cursor relies on. */
  @PrimaryColumn('text', { primaryKeyConstraintName: 'webhook_pkey' }) id!: string;

  @Column('text') organizationId!: string;

  @ParentRow(() => Organization, 'webhook', 'organization_id')
  organization?: Organization;

  @Column('text') name!: string;

  @Column('text', { nullable: true }) description!: string | null;

  @Column('text') url!: string;

  /** Exact types, `resource.*` or `*`. */
  @Column('text', { array: true }) events!: string[];

  /** Of the events of those types, only the ones this selects; null = all of them. */
  @Column('jsonb', { nullable: true }) filter!: WebhookFilter | null;

  @Column('boolean') active!: boolean;

  @Column('jsonb', { default: () => `'{"type": "none"}'` }) auth!: EndpointAuth;

  /** Custom request headers: names in clear, values sealed (AAD = webhook id). */
  @Column('jsonb', { default: () => `'{}'` }) encryptedHeaders!: Record<string, string>;

  /** Custom headers stored in clear before values were sealed; emptied by the next change. */
  @Column('jsonb', { name: 'headers', default: () => `'{}'` }) legacyHeaders!: Record<string, string>;

  /** Client certificate and CA bundle in PEM; the private key sealed (AAD = webhook id). null = plain TLS. */
  @Column('jsonb', { nullable: true }) tls!: EndpointTls | null;

  /** null: the event type's default schedule applies (see docs/delivery.md). */
  @Column('jsonb', { nullable: true }) retryPolicy!: RetryPolicy | null;

  @Column('integer', { default: 15 }) timeoutSeconds!: number;

  @Column('jsonb', { default: () => `'{"type": "standard-webhooks"}'` }) signatureScheme!: SignatureScheme;

  @Column('jsonb', { default: () => `'{}'` }) metadata!: Record<string, string>;

  /** Deliveries of one subject arrive in acceptance order; a failing one holds the later ones. */
  @Column('boolean', { default: false }) ordered!: boolean;

  /** Deliveries per second to the endpoint; null = unlimited. */
  @Column('integer', { nullable: true }) rateLimitPerSecond!: number | null;

  /** Requests in flight to the endpoint at once; null = the platform default. */
  @Column('integer', { nullable: true }) maxConcurrency!: number | null;

  /** Bumped on every change; consumers of the state topic ignore a state older than the one they hold. */
  @Column('integer', { default: 1 }) version!: number;

  /** Why the platform turned the endpoint off (e.g. it answered 410), or null. */
  @Column('text', { nullable: true }) disabledReason!: string | null;

  /** When the platform turned the endpoint off; null unless `disabledReason` is set. */
  @Column('timestamptz', { nullable: true }) disabledAt!: Date | null;

  /** When it was last switched on; a disable signal from before then is about an older endpoint. */
  @Column('timestamptz', { nullable: true }) activatedAt!: Date | null;

  @Column('timestamptz', { default: () => 'now()' }) createdAt!: Date;

  @Column('timestamptz', { default: () => 'now()' }) updatedAt!: Date;
}
