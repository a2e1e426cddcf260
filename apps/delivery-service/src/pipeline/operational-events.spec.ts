import { domainTopic, validateEnvelope } from '@hookline/contracts';
import {
  deliveryExhaustedEvent,
  deliveryRecoveredEvent,
  isAboutPlatformEvent,
  operationalEventBatch,
} from './operational-events';

describe('operational events', () => {
  const context = {
    organizationId: 'org_a',
    webhookId: 'wh_1',
    deliveryId: 'dlv_1',
    at: new Date('2026-11-22T10:00:00.000Z'),
  };

  it('builds a valid delivery.exhausted about the webhook, with a stable id', () => {
    const event = deliveryExhaustedEvent(context, {
      eventId: 'evt_1',
      eventType: 'job.created',
      attempts: 4,
      lastResponseStatus: null,
      lastError: 'x'.repeat(5_000),
    });
    expect(validateEnvelope(event).ok).toBe(true);
    expect(event).toMatchObject({
      type: 'delivery.exhausted',
      organizationId: 'org_a',
      subject: 'wh_1',
      occurredAt: '2026-11-22T10:00:00.000Z',
      data: {
        deliveryId: 'dlv_1',
        webhookId: 'wh_1',
        eventId: 'evt_1',
        attempts: 4,
        lastResponseStatus: null,
      },
    });
    expect((event.data.lastError as string).length).toBe(1_000);
    expect(event.id).toMatch(/^evt_[A-Za-z0-9_-]{26}$/);
    expect(deliveryExhaustedEvent(context, { ...event.data, lastError: null } as never).id).toBe(event.id);
  });

  it('builds a valid delivery.recovered with a different id than exhausted', () => {
    const event = deliveryRecoveredEvent(context, { eventId: 'evt_2', failedAttemptsBefore: 3 });
    expect(validateEnvelope(event).ok).toBe(true);
    expect(event.data).toEqual({
      webhookId: 'wh_1',
      deliveryId: 'dlv_1',
      eventId: 'evt_2',
      failedAttemptsBefore: 3,
    });
    expect(event.id).not.toBe(
      deliveryExhaustedEvent(context, {
        eventId: 'evt_2',
        eventType: 'job.created',
        attempts: 1,
        lastResponseStatus: 500,
        lastError: null,
      }).id,
    );
  });

  it('goes to domain.delivery.v1 keyed by organization and webhook', () => {
    const event = deliveryRecoveredEvent(context, { eventId: 'evt_2', failedAttemptsBefore: 1 });
    expect(operationalEventBatch([event])).toEqual({
      topic: domainTopic('delivery'),
      messages: [
        { key: 'org_a:wh_1', value: event, headers: { 'hookline-event-type': 'delivery.recovered' } },
      ],
    });
  });

  it('refuses a value its contract refuses', () => {
    expect(() => deliveryRecoveredEvent(context, { eventId: 'evt_2', failedAttemptsBefore: 0 })).toThrow(
      'delivery.recovered would break its contract',
    );
  });

  it.each([
    ['delivery.exhausted', true],
    ['webhook.test', true],
    ['job.created', false],
    ['deliveryman.hired', false],
  ])('%s is about a platform event: %s', (type, expected) => {
    expect(isAboutPlatformEvent(type)).toBe(expected);
  });
});
