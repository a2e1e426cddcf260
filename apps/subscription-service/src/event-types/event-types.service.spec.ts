import { EVENT_TYPES } from '@hookline/contracts';
import type { WebhooksRepository } from '../webhooks/webhooks.repository';
import { EventTypeException } from './event-types.exception';
import { EventTypesService } from './event-types.service';

function setup(subscribers = { active: true, everyEvent: false }) {
  const repository = { activeSubscribers: jest.fn(async () => subscribers) };
  return { service: new EventTypesService(repository as unknown as WebhooksRepository), repository };
}

describe(EventTypesService.name, () => {
  it('lists the catalog in order, each type with a closed JSON Schema and its example', () => {
    const items = setup().service.list();

    expect(items.map((item) => item.type)).toEqual([...EVENT_TYPES]);
    for (const item of items) {
      expect(item.schema).toMatchObject({ type: 'object', additionalProperties: false });
      expect(Object.keys(item.example).sort()).toEqual([...(item.schema.required ?? [])].sort());
    }
    expect(items.find((item) => item.type === 'webhook.disabled')?.origin).toBe('platform');
  });

  it("shows each type's default schedule and TTL: its own, else the platform's", () => {
    const defaultsOf = (type: string) => {
      const item = setup()
        .service.list()
        .find((candidate) => candidate.type === type);
      return { defaultRetryPolicy: item?.defaultRetryPolicy, defaultTtlSeconds: item?.defaultTtlSeconds };
    };

    expect(defaultsOf('webhook.test')).toEqual({
      defaultRetryPolicy: { preset: 'none' },
      defaultTtlSeconds: null,
    });
    expect(defaultsOf('drawing.created')).toEqual({
      defaultRetryPolicy: { preset: 'standard' },
      defaultTtlSeconds: 86_400,
    });
    expect(defaultsOf('job.created')).toEqual({
      defaultRetryPolicy: { preset: 'standard' },
      defaultTtlSeconds: null,
    });
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
