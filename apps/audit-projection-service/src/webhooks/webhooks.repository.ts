import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { assertNever } from '@hookline/platform';
import type { WebhookChange } from './webhook-change';
import { WebhookEntity } from './webhook.entity';

@Injectable()
export class WebhooksRepository {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(WebhookEntity) private readonly webhooks: Repository<WebhookEntity>,
  ) {}

  /**
   * Applies changes in log order, in one transaction. A state applies only when its version is
   * newer than the stored one (and revives a deleted webhook); a tombstone keeps the row.
   */
  async applyInOrder(changes: readonly WebhookChange[]): Promise<void> {
    if (changes.length === 0) {
      return;
    }
    await this.dataSource.transaction(async (manager) => {
      for (const change of changes) {
        switch (change.kind) {
          case 'state':
            await manager.query(
              `INSERT INTO audit.webhook AS w (id, organization_id, url, deleted_at, version, updated_at)
               VALUES ($1, $2, $3, NULL, $4, $5)
               ON CONFLICT (id) DO UPDATE SET organization_id = EXCLUDED.organization_id, url = EXCLUDED.url,
                 deleted_at = NULL, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
               WHERE w.version < EXCLUDED.version`,
              [change.id, change.organizationId, change.url, change.version, change.updatedAt],
            );
            break;
          case 'deleted':
            await manager.query(
              `UPDATE audit.webhook SET deleted_at = $2 WHERE id = $1 AND deleted_at IS NULL`,
              [change.id, change.deletedAt],
            );
            break;
          default:
            assertNever(change, 'webhook change');
        }
      }
    });
  }

  findOwned(organizationId: string, id: string): Promise<WebhookEntity | null> {
    return this.webhooks.findOneBy({ id, organizationId });
  }
}
