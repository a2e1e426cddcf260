import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PeriodicJob } from '@hookline/platform';
import { SubscriptionEnv } from '../config/subscription.env';
import { WebhookChangesService } from '../webhooks/webhook-changes.service';
import { WebhooksRepository } from '../webhooks/webhooks.repository';

// Bounds one run; whatever is left is picked up by the next.
const MAX_BATCHES_PER_RUN = 100;

/**
 * Removes rotated-out signing secrets once their grace period has ended and republishes the
 * webhook's state, so the topic stops carrying them. One webhook per transaction, under its row lock.
 */
@Injectable()
export class ExpiredSecretsCleanupService extends PeriodicJob {
  constructor(
    private readonly dataSource: DataSource,
    private readonly webhooks: WebhooksRepository,
    private readonly changes: WebhookChangesService,
    private readonly env: SubscriptionEnv,
  ) {
    super({ name: 'expired secret cleanup', intervalMs: env.SECRET_CLEANUP_INTERVAL_MS });
  }

  /** Cleans up every webhook with expired secrets; returns how many were republished. */
  async runOnce(now = new Date()): Promise<number> {
    const batchSize = this.env.SECRET_MAINTENANCE_BATCH_SIZE;
    let republished = 0;
    for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch += 1) {
      const webhookIds = await this.webhooks.webhookIdsWithExpiredSecrets(now, batchSize);
      for (const webhookId of webhookIds) {
        if (await this.cleanUp(webhookId, now)) {
          republished += 1;
        }
      }
      if (webhookIds.length < batchSize) {
        break;
      }
    }
    if (republished > 0) {
      this.logger.log(`removed expired signing secrets of ${republished} webhooks`);
    }
    return republished;
  }

  private cleanUp(webhookId: string, now: Date): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const webhook = await this.webhooks.lockById(manager, webhookId);
      if (webhook === null) {
        return false;
      }
      // Another replica may have cleaned up while we waited for the lock.
      if ((await this.webhooks.deleteExpiredSecrets(manager, webhookId, now)) === 0) {
        return false;
      }
      await this.changes.save(manager, webhook, {}, now);
      return true;
    });
  }
}
