import { Injectable } from '@nestjs/common';
import type { EndpointSignal } from '@hookline/contracts';
import { DataSource } from 'typeorm';
import { webhookDisabledEvent } from '../webhooks/platform-event.entry';
import { WebhookChangesService } from '../webhooks/webhook-changes.service';
import { WebhooksRepository } from '../webhooks/webhooks.repository';
import { describeDisableReason } from './disable-reason';

export type SignalOutcome = 'disabled' | 'ignored';

/** Acts on delivery's signals about endpoints; subscription-service owns the resulting change. */
@Injectable()
export class EndpointSignalsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly webhooks: WebhooksRepository,
    private readonly changes: WebhookChangesService,
  ) {}

  /**
   * Switches the webhook off, records why, publishes its state and a `webhook.disabled` event.
   * Idempotent: a signal for a webhook that is gone, already off, or switched on again since the
   * signal was sent changes nothing.
   */
  async apply(signal: EndpointSignal): Promise<SignalOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const webhook = await this.webhooks.lockById(manager, signal.webhookId);
      if (webhook === null || webhook.organizationId !== signal.organizationId || !webhook.active) {
        return 'ignored';
      }
      const sentAt = Date.parse(signal.at);
      // The owner switched it on after the signal was sent: it is about an endpoint they have since fixed.
      if (webhook.activatedAt !== null && sentAt < webhook.activatedAt.getTime()) {
        return 'ignored';
      }
      const now = new Date();
      const disabledReason = describeDisableReason(signal);
      await this.changes.save(manager, webhook, { active: false, disabledReason, disabledAt: now }, now);
      await this.changes.announce(manager, [webhookDisabledEvent(webhook, disabledReason, now).entry]);
      return 'disabled';
    });
  }
}
