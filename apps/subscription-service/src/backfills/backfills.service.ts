import { Injectable } from '@nestjs/common';
import { newId, type BackfillProgress } from '@hookline/contracts';
import { DataSource } from 'typeorm';
import { OutboxRepository } from '../outbox/outbox.repository';
import { WebhookException } from '../webhooks/webhooks.exception';
import { WebhooksRepository } from '../webhooks/webhooks.repository';
import { applyProgress } from './apply-progress';
import { backfillRequestEntry } from './backfill-request.entry';
import type { Backfill } from './backfill.entity';
import { BackfillException } from './backfills.exception';
import { BackfillsRepository } from './backfills.repository';
import { pendingBackfill } from './pending-backfill';
import { resolveBackfillWindow, type BackfillAsked } from './resolve-backfill-window';

/** How many of a webhook's backfills the list shows, newest first. */
export const BACKFILL_LIST_LIMIT = 50;

/** Backfills of a webhook: asked for here, carried out by delivery, whose progress comes back here. */
@Injectable()
export class BackfillsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly backfills: BackfillsRepository,
    private readonly webhooks: WebhooksRepository,
    private readonly outbox: OutboxRepository,
  ) {}

  /** Records the backfill and its request to delivery in one transaction, so neither exists alone. */
  async create(organizationId: string, webhookId: string, asked: BackfillAsked): Promise<Backfill> {
    return this.dataSource.transaction(async (manager) => {
      // Locked: two requests at once for one webhook are judged one after the other.
      const webhook = await this.webhooks.findOwned(organizationId, webhookId, { manager, forUpdate: true });
      if (!webhook) {
        throw WebhookException.notFound(webhookId);
      }
      const now = new Date();
      const resolved = resolveBackfillWindow(asked, webhook.events, now);
      if (!resolved.ok) {
        throw BackfillException.invalid(resolved.problems);
      }
      if (!webhook.active) {
        throw BackfillException.webhookInactive(webhookId);
      }
      const unfinished = await this.backfills.findUnfinished(manager, webhookId);
      if (unfinished !== null) {
        throw BackfillException.alreadyRunning(webhookId, unfinished.id);
      }
      const backfill = pendingBackfill({ id: newId('bf'), organizationId, webhookId }, resolved.window, now);
      // A copy: the insert writes the columns' defaults back into what it is given, as strings.
      await this.backfills.insert(manager, { ...backfill });
      await this.outbox.append(manager, [backfillRequestEntry(backfill)]);
      return backfill;
    });
  }

  async list(organizationId: string, webhookId: string): Promise<Backfill[]> {
    await this.assertWebhook(organizationId, webhookId);
    return this.backfills.listOfWebhook(organizationId, webhookId, BACKFILL_LIST_LIMIT);
  }

  async get(organizationId: string, webhookId: string, id: string): Promise<Backfill> {
    await this.assertWebhook(organizationId, webhookId);
    const backfill = await this.backfills.findOwned(organizationId, webhookId, id);
    if (!backfill) {
      throw BackfillException.notFound(id);
    }
    return backfill;
  }

  /** Stops an unfinished backfill: delivery hands over no further event of it. */
  async cancel(organizationId: string, webhookId: string, id: string): Promise<Backfill> {
    await this.assertWebhook(organizationId, webhookId);
    return this.dataSource.transaction(async (manager) => {
      const backfill = await this.backfills.findOwned(organizationId, webhookId, id, {
        manager,
        forUpdate: true,
      });
      if (!backfill) {
        throw BackfillException.notFound(id);
      }
      if (backfill.status !== 'pending' && backfill.status !== 'running') {
        throw BackfillException.finished(id, backfill.status);
      }
      const now = new Date();
      const patch: Partial<Backfill> = { status: 'cancelled', finishedAt: now, updatedAt: now };
      await this.backfills.update(manager, id, patch);
      Object.assign(backfill, patch);
      await this.outbox.append(manager, [backfillRequestEntry(backfill)]);
      return backfill;
    });
  }

  /**
   * Applies delivery's record of one partition. A completed backfill's request is published as such,
   * so no replica starts it again. A record of a backfill that is gone (its webhook deleted) is ignored.
   */
  async applyProgress(progress: BackfillProgress): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const backfill = await this.backfills.lockById(manager, progress.backfillId);
      if (backfill === null || backfill.organizationId !== progress.organizationId) {
        return;
      }
      const wasUnfinished = backfill.status === 'pending' || backfill.status === 'running';
      const patch = applyProgress(backfill, progress, new Date());
      await this.backfills.update(manager, backfill.id, patch);
      Object.assign(backfill, patch);
      if (wasUnfinished && backfill.status === 'completed') {
        await this.outbox.append(manager, [backfillRequestEntry(backfill)]);
      }
    });
  }

  private async assertWebhook(organizationId: string, webhookId: string): Promise<void> {
    if (!(await this.webhooks.findOwned(organizationId, webhookId))) {
      throw WebhookException.notFound(webhookId);
    }
  }
}
