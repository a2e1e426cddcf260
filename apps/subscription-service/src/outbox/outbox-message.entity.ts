import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { SUBSCRIPTION_SCHEMA } from '../database/schema';

/** A Kafka message written in the transaction of the change it announces; the relay publishes it. */
@Entity({ name: 'outbox', schema: SUBSCRIPTION_SCHEMA })
@Index('outbox_unpublished_idx', ['id'], { where: 'published_at IS NULL' })
@Index('outbox_published_at_idx', ['publishedAt'], { where: 'published_at IS NOT NULL' })
export class OutboxMessage {
  /** bigint arrives as a string; ids give the publishing order. */
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'outbox_pkey' }) id!: string;

  @Column('text') topic!: string;

  @Column('text') key!: string;

  /** null is a tombstone. */
  @Column('jsonb', { nullable: true }) payload!: object | null;

  @Column('jsonb', { default: () => `'{}'` }) headers!: Record<string, string>;

  @Column('timestamptz', { default: () => 'now()' }) createdAt!: Date;

  @Column('timestamptz', { nullable: true }) publishedAt!: Date | null;
}
