import { HttpStatus } from '@nestjs/common';
import type { DeliveryCommand } from '@hookline/contracts';
import type { KafkaPublisher, OutgoingMessage } from '@hookline/kafka';
import { Registry } from 'prom-client';
import { AuditMetrics } from '../metrics/audit.metrics';
import { RetentionPolicy } from '../retention/retention-policy';
import type { WebhookEntity } from '../webhooks/webhook.entity';
import type { WebhooksService } from '../webhooks/webhooks.service';
import { AuditApiException } from '../common/audit-api.exception';
import type { RecoverableDelivery, RecoveryRepository } from './recovery.repository';
import { MAX_RECOVERED_PER_CALL, RecoveryService } from './recovery.service';

const NOW = new Date('2026-11-22T18:00:00.000Z');

function aFailedDelivery(index: number, overrides: Partial<RecoverableDelivery> = {}): RecoverableDelivery {
  return {
    id: `dlv_${index}`,
    organizationId: 'org_1',
    webhookId: 'wh_1',
    subject: `job_${index}`,
    status: 'failed',
    attemptCount: 3,
    nextAttemptAt: null,
    createdAt: new Date(Date.parse('2026-11-22T00:00:00.000Z') + index * 1_000),
    payload: {
      body: {
        id: `evt_${index}`,
        type: 'job.created',
        timestamp: '2026-11-21T23:59:00.000Z',
        data: { n: index },
      },
      occurredAt: new Date('2026-11-21T23:59:00.000Z'),
    },
    ...overrides,
  };
}

describe(RecoveryService.name, () => {
  let sent: OutgoingMessage[][];
  let failed: RecoverableDelivery[];
  let webhook: Pick<WebhookEntity, 'id' | 'deletedAt'> | null;
  let service: RecoveryService;

  beforeEach(() => {
    sent = [];
    failed = [];
    webhook = { id: 'wh_1', deletedAt: null };
    const repository: Pick<RecoveryRepository, 'findDelivery' | 'findFailedSince'> = {
      findDelivery: async (_org, id) => failed.find((delivery) => delivery.id === id) ?? null,
      findFailedSince: async (_org, _webhook, since, limit) =>
        failed.filter((delivery) => delivery.createdAt >= since).slice(0, limit),
    };
    const publisher: Pick<KafkaPublisher, 'send'> = {
      send: async (_topic, messages) => {
        sent.push(messages);
        return [];
      },
    };
    service = new RecoveryService(
      repository as RecoveryRepository,
      { findOwned: async () => webhook } as unknown as WebhooksService,
      publisher as KafkaPublisher,
      new RetentionPolicy({ payloadDays: 30, attemptDays: 90, statsDays: 400 }),
      new AuditMetrics(new Registry()),
    );
  });

  const commandsSent = (): DeliveryCommand[] =>
    sent.flat().map((message) => JSON.parse((message.value as Buffer).toString('utf8')) as DeliveryCommand);

  it('recovers at most 1000 deliveries per call and says where to continue', async () => {
    failed = Array.from({ length: MAX_RECOVERED_PER_CALL + 5 }, (_, index) => aFailedDelivery(index));
    const result = await service.recover('org_1', 'wh_1', '2026-11-22T00:00:00.000Z', NOW);
    expect(result).toMatchObject({
      count: 1_000,
      skipped: 0,
      truncated: true,
      nextSince: failed[1_000].createdAt.toISOString(),
    });
    expect(commandsSent().map((command) => command.deliveryId)).toEqual(
      failed.slice(0, 1_000).map((d) => d.id),
    );
    expect(result.commandIds).toEqual(commandsSent().map((command) => command.commandId));
    // Keyed by the webhook, so its commands stay in order; KafkaPublisher cuts them into requests.
    expect(sent.flat().every((message) => message.key === 'wh_1')).toBe(true);
  });

  it('skips deliveries whose payload is gone and reports them', async () => {
    failed = [aFailedDelivery(1), aFailedDelivery(2, { payload: null })];
    expect(await service.recover('org_1', 'wh_1', '2026-11-22T00:00:00.000Z', NOW)).toMatchObject({
      count: 1,
      skipped: 1,
      truncated: false,
      nextSince: null,
    });
    expect(commandsSent().map((command) => [command.deliveryId, command.attempt])).toEqual([['dlv_1', 4]]);
  });

  it.each([
    ['in the future', '2026-11-22T18:00:00.001Z', 'since must not be in the future'],
    [
      'before the payload retention',
      '2026-10-23T17:59:59.999Z',
      'since must not be before 2026-10-23T18:00:00.000Z',
    ],
  ])('refuses a since %s', async (_case, since, message) => {
    await expect(service.recover('org_1', 'wh_1', since, NOW)).rejects.toMatchObject({
      status: HttpStatus.BAD_REQUEST,
      message: expect.stringContaining(message),
    });
    expect(sent).toEqual([]);
  });

  it('refuses a deleted webhook with 409 and sends nothing', async () => {
    webhook = { id: 'wh_1', deletedAt: new Date('2026-11-22T12:00:00.000Z') };
    failed = [aFailedDelivery(1)];
    await expect(service.redeliver('org_1', 'dlv_1', NOW)).rejects.toBeInstanceOf(AuditApiException);
    await expect(service.recover('org_1', 'wh_1', '2026-11-22T00:00:00.000Z', NOW)).rejects.toMatchObject({
      status: HttpStatus.CONFLICT,
    });
    expect(sent).toEqual([]);
  });

  it('refuses to redeliver a delivery still retrying, and one whose payload is gone', async () => {
    failed = [
      aFailedDelivery(1, { status: 'retrying', nextAttemptAt: new Date('2026-11-22T18:05:00.000Z') }),
      aFailedDelivery(2, { payload: null }),
    ];
    await expect(service.redeliver('org_1', 'dlv_1', NOW)).rejects.toMatchObject({
      status: HttpStatus.CONFLICT,
      message: expect.stringContaining('next attempt is due at 2026-11-22T18:05:00.000Z'),
    });
    await expect(service.redeliver('org_1', 'dlv_2', NOW)).rejects.toMatchObject({ status: HttpStatus.GONE });
    expect(sent).toEqual([]);
  });
});
