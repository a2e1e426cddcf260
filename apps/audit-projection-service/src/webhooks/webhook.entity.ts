import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Who owns a webhook, projected from `hookline.subscriptions.v1`; deleted ones stay for their log. */
@Entity({ name: 'webhook' })
export class WebhookEntity {
  @PrimaryColumn('text') id!: string;

  @Column('text') organizationId!: string;

  @Column('text') url!: string;

  @Column('timestamptz', { nullable: true }) deletedAt!: Date | null;

  @Column('integer') version!: number;

  @Column('timestamptz') updatedAt!: Date;
}
