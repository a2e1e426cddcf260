import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ParentRow } from '../database/parent-row.decorator';
import { SUBSCRIPTION_SCHEMA } from '../database/schema';
import { Webhook } from './webhook.entity';

/** A signing secret of a webhook, encrypted with the webhook id as AAD. */
@Entity({ name: 'webhook_secret', schema: SUBSCRIPTION_SCHEMA })
@Index('webhook_secret_webhook_id_idx', ['webhookId', 'createdAt'])
@Index('webhook_secret_current_key', ['webhookId'], { unique: true, where: 'expires_at IS NULL' })
@Index('webhook_secret_expires_at_idx', ['expiresAt'], { where: 'expires_at IS NOT NULL' })
export class WebhookSecret {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'webhook_secret_pkey' }) id!: string;

  @Column('text') webhookId!: string;

  @ParentRow(() => Webhook, 'webhook_secret', 'webhook_id', { onDelete: 'CASCADE' })
  webhook?: Webhook;

  /** `SecretBox` sealed `whsec_…`. */
  @Column('text') encrypted!: string;

  @Column('timestamptz', { default: () => 'now()' }) createdAt!: Date;

  /** null for the current secret; the end of the grace period of a rotated-out one. */
  @Column('timestamptz', { nullable: true }) expiresAt!: Date | null;
}
