import { Injectable } from '@nestjs/common';
import { Topics, type DeliveryCommand } from '@hookline/contracts';
import { KafkaPublisher } from '@hookline/kafka';
import { AuditMetrics } from '../metrics/audit.metrics';
import { RetentionPolicy } from '../retention/retention-policy';
import { WebhooksService } from '../webhooks/webhooks.service';
import { buildDeliveryCommand } from './build-delivery-command';
import type { RecoveryAcceptedDto } from './dto/recovery-accepted.dto';
import type { RedeliveryAcceptedDto } from './dto/redelivery-accepted.dto';
import { AuditApiException } from '../common/audit-api.exception';
import { RecoveryRepository, type RecoverableDelivery } from './recovery.repository';

/** Deliveries one recovery call resends at most; the answer says when more remain. */
export const MAX_RECOVERED_PER_CALL = 1_000;

const FINISHED = new Set(['succeeded', 'failed', 'expired']);

/**
 * Manual redelivery and recovery. This service holds the payloads, so it builds the commands;
 * delivery-service carries them out and its attempts come back through the log as usual.
 */
@Injectable()
export class RecoveryService {
  constructor(
    private readonly repository: RecoveryRepository,
    private readonly webhooks: WebhooksService,
    private readonly publisher: KafkaPublisher,
    private readonly retention: RetentionPolicy,
    private readonly metrics: AuditMetrics,
  ) {}

  async redeliver(
    organizationId: string,
    deliveryId: string,
    now: Date = new Date(),
  ): Promise<RedeliveryAcceptedDto> {
    const delivery = await this.repository.findDelivery(organizationId, deliveryId);
    if (delivery === null) {
      throw AuditApiException.deliveryNotFound(deliveryId);
    }
    await this.requireLiveWebhook(organizationId, delivery.webhookId);
    // A delivery still retrying already has an attempt scheduled; a second one would race it.
    if (!FINISHED.has(delivery.status)) {
      throw AuditApiException.deliveryInProgress(deliveryId, delivery.status, delivery.nextAttemptAt);
    }
    if (delivery.payload === null) {
      throw AuditApiException.payloadNotRetained(deliveryId, this.retention.days.payloadDays);
    }
    const command = buildDeliveryCommand(
      { ...delivery, deliveryId: delivery.id, payload: delivery.payload },
      now,
    );
    await this.send([command]);
    return { commandId: command.commandId };
  }

  /** Resends the webhook's failed deliveries created since `since`, oldest first, at most 1000 per call. */
  async recover(
    organizationId: string,
    webhookId: string,
    since: string,
    now: Date = new Date(),
  ): Promise<RecoveryAcceptedDto> {
    await this.requireLiveWebhook(organizationId, webhookId);
    const sinceDate = this.validSince(since, now);
    const found = await this.repository.findFailedSince(
      organizationId,
      webhookId,
      sinceDate,
      MAX_RECOVERED_PER_CALL + 1,
    );
    const page = found.slice(0, MAX_RECOVERED_PER_CALL);
    const truncated = found.length > MAX_RECOVERED_PER_CALL;
    const commands = page
      .filter(
        (
          delivery,
        ): delivery is RecoverableDelivery & { payload: NonNullable<RecoverableDelivery['payload']> } =>
          delivery.payload !== null,
      )
      .map((delivery) =>
        buildDeliveryCommand({ ...delivery, deliveryId: delivery.id, payload: delivery.payload }, now),
      );
    await this.send(commands);
    return {
      commandIds: commands.map((command) => command.commandId),
      count: commands.length,
      skipped: page.length - commands.length,
      truncated,
      nextSince: truncated ? found[MAX_RECOVERED_PER_CALL].createdAt.toISOString() : null,
    };
  }

  private async requireLiveWebhook(organizationId: string, webhookId: string): Promise<void> {
    const webhook = await this.webhooks.findOwned(organizationId, webhookId);
    if (webhook === null) {
      throw AuditApiException.webhookNotFound(webhookId);
    }
    if (webhook.deletedAt !== null) {
      throw AuditApiException.webhookDeleted(webhookId);
    }
  }

  private validSince(since: string, now: Date): Date {
    const sinceDate = new Date(since);
    if (sinceDate.getTime() > now.getTime()) {
      throw AuditApiException.invalidSince('must not be in the future');
    }
    const oldest = this.retention.cutoffs(now).payloads;
    if (sinceDate.getTime() < oldest.getTime()) {
      throw AuditApiException.invalidSince(
        `must not be before ${oldest.toISOString()}: payloads are kept ${this.retention.days.payloadDays} days`,
      );
    }
    return sinceDate;
  }

  private async send(commands: DeliveryCommand[]): Promise<void> {
    const messages = commands.map((command) => ({
      key: command.webhookId,
      value: Buffer.from(JSON.stringify(command)),
    }));
    // The publisher cuts the commands into requests the broker accepts.
    await this.publisher.send(Topics.commands, messages);
    this.metrics.commandsSent.inc({ kind: 'redeliver' }, messages.length);
  }
}
