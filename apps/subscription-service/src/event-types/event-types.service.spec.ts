import { EVENT_TYPES } from '@hookline/contracts';
import type { DeliveryDefaultsEntity } from '../delivery-defaults/delivery-defaults.entity';
import type { DeliveryDefaultsService } from '../delivery-defaults/delivery-defaults.service';
import type { WebhooksRepository } from '../webhooks/webhooks.repository';
import { EventTypeException } from './event-types.exception';
import { EventTypesService } from './event-types.service';

function setup(
  subscribers = { active: true, everyEvent: false },
  own: Array<Pick<DeliveryDefaultsEntity, 'eventType' | 'retryPolicy' | 'ttlSeconds'>> = [],
) {
  const repository = { activeSubscribers: jest.fn(async () => subscribers) };
  const deliveryDefaults = {
    byType: jest.fn(async () => new Map(own.map((row) => [row.eventType, row]))),
  };
  return {
    service: new EventTypesService(
      repository as unknown as WebhooksRepository,
      deliveryDefaults as unknown as DeliveryDefaultsService,
    ),
    repository,
    deliveryDefaults,
  };
}

describe(EventTypesService.name, () => {
  it('lists the catalog in order, each type with a closed JSON Schema and its example', async () => {
    const items = await setup().service.list('org_1');

    expect(items.map((item) => item.type)).toEqual([...EVENT_TYPES]);
    for (const item of items) {
      expect(item.schema).toMatchObject({ type: 'object', additionalProperties: false });
      expect(Object.keys(item.example).sort()).toEqual([...(item.schema.required ?? [])].sort());
    }
    expect(items.find((item) => item.type === 'webhook.disabled')?.origin).toBe('platform');
  });

  it("shows each type's default schedule and TTL: the organization's, else the catalog's, else the platform's", async () => {
    const { service, deliveryDefaults } = setup(undefined, [
      { eventType: 'job.created', retryPolicy: { preset: 'short' }, ttlSeconds: 600 },
      { eventType: 'drawing.created', retryPolicy: { preset: 'none' }, ttlSeconds: null },
      { eventType: 'webhook.test', retryPolicy: null, ttlSeconds: 120 },
    ]);
    const items = await service.list('org_1');
    const defaultsOf = (type: string) => {
      const item = items.find((candidate) => candidate.type === type);
      return [item?.defaultRetryPolicy, item?.defaultTtlSeconds, item?.organizationDefaults];
    };

    expect(deliveryDefaults.byType).toHaveBeenCalledWith('org_1');
    expect(defaultsOf('job.created')).toEqual([
      { preset: 'short' },
      600,
      { retryPolicy: { preset: 'short' }, ttlSeconds: 600 },
    ]);
    expect(defaultsOf('drawing.created')).toEqual([
      { preset: 'none' },
      86_400,
      { retryPolicy: { preset: 'none' }, ttlSeconds: null },
    ]);
    expect(defaultsOf('webhook.test')).toEqual([
      { preset: 'none' },
      120,
      { retryPolicy: null, ttlSeconds: 120 },
    ]);
    expect(defaultsOf('drawing.updated')).toEqual([{ preset: 'standard' }, 86_400, null]);
    expect(defaultsOf('job.updated')).toEqual([{ preset: 'standard' }, null, null]);
  });

  it('asks for an active webhook with any pattern that covers the type', async () => {
    const { service, repository } = setup({ active: true, everyEvent: false });

    expect(await service.subscribers('org_1', 'estimate.sent')).toEqual({ active: true, everyEvent: false });
    expect(repository.activeSubscribers).toHaveBeenCalledWith('org_1', ['estimate.sent', 'estimate.*', '*']);
  });

  it('answers 404 for a type not in the catalog, suggesting the closest', async () => {
    const { service, repository } = setup();

    const error = await service.subscribers('org_1', 'job.craeted').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(EventTypeException);
    expect((error as EventTypeException).getStatus()).toBe(404);
    expect((error as EventTypeException).message).toBe(
      'event type "job.craeted" is not in the catalog; did you mean "job.created"?',
    );
    expect(repository.activeSubscribers).not.toHaveBeenCalled();
  });
});
