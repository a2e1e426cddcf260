import { Topics, type EndpointSignal, type EventEnvelope, type WebhookState } from '@hookline/contracts';
import { SecretBox } from '@hookline/security';
import type { DataSource, EntityManager } from 'typeorm';
import { aSecret, aWebhook } from '../../test/fixtures';
import type { OutboxEntry, OutboxRepository } from '../outbox/outbox.repository';
import { WebhookChangesService } from '../webhooks/webhook-changes.service';
import type { Webhook } from '../webhooks/webhook.entity';
import type { WebhooksRepository } from '../webhooks/webhooks.repository';
import { EndpointSignalsService } from './endpoint-signals.service';

function setup(stored: Webhook | null) {
  const appended: OutboxEntry[] = [];
  const manager = { update: jest.fn(async () => undefined) };
  const dataSource = {
    transaction: <T>(work: (manager: EntityManager) => Promise<T>) =>
      work(manager as unknown as EntityManager),
  };
  const repository = {
    lockById: jest.fn(async () => stored),
    liveSecrets: jest.fn(async () => [aSecret()]),
  } as unknown as WebhooksRepository;
  const outbox = {
    append: jest.fn(
      async (_manager: EntityManager, entries: OutboxEntry[]) => void appended.push(...entries),
    ),
  } as unknown as OutboxRepository;
  const service = new EndpointSignalsService(
    dataSource as unknown as DataSource,
    repository,
    new WebhookChangesService(
      repository,
      outbox,
      SecretBox.fromEnv(`k1:${Buffer.alloc(32, 7).toString('base64')}`),
    ),
  );
  return { service, appended, manager };
}

const signalFor = (webhook: Webhook, overrides: Partial<EndpointSignal> = {}): EndpointSignal => ({
  kind: 'disable',
  webhookId: webhook.id,
  organizationId: webhook.organizationId,
  reason: 'gone',
  detail: '',
  at: '2026-11-23T10:00:00.000Z',
  ...overrides,
});

describe(EndpointSignalsService.name, () => {
  it('switches an active webhook off, publishes its state, then a webhook.disabled event for its organization', async () => {
    const webhook = aWebhook({ active: true, version: 4, activatedAt: new Date('2026-11-22T10:00:00.000Z') });
    const { service, appended } = setup(webhook);

    expect(await service.apply(signalFor(webhook))).toBe('disabled');

    expect(webhook).toMatchObject({
      active: false,
      version: 5,
      disabledReason: 'endpoint answered 410 Gone',
    });
    expect(appended.map((entry) => entry.topic)).toEqual([Topics.subscriptions, 'domain.webhook.v1']);
    expect(appended[0].payload).toMatchObject({ active: false, version: 5 } satisfies Partial<WebhookState>);
    const event = appended[1].payload as EventEnvelope;
    expect(event).toMatchObject({
      type: 'webhook.disabled',
      organizationId: webhook.organizationId,
      subject: webhook.id,
      data: {
        webhookId: webhook.id,
        reason: 'endpoint answered 410 Gone',
        disabledAt: webhook.disabledAt?.toISOString(),
      },
    });
    expect(event).not.toHaveProperty('target');
  });

  it.each([
    ['a webhook that no longer exists', null, {}],
    ['an inactive webhook', aWebhook({ active: false }), {}],
    ['a signal naming another organization', aWebhook({ active: true }), { organizationId: 'org_other' }],
    [
      'a signal sent before the webhook was switched on again',
      aWebhook({ active: true, activatedAt: new Date('2026-11-23T10:00:01.000Z') }),
      {},
    ],
  ])('ignores %s', async (_, stored, overrides) => {
    const { service, appended, manager } = setup(stored);
    const signal = signalFor(stored ?? aWebhook(), overrides);

    expect(await service.apply(signal)).toBe('ignored');

    expect(appended).toEqual([]);
    expect(manager.update).not.toHaveBeenCalled();
  });
});
