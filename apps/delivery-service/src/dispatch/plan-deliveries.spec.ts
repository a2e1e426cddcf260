import { deliveryIdFor, type EventEnvelope, type WebhookState } from '@hookline/contracts';
import { jobCreatedEvent, testSecretBox, webhookFixture } from '../../test/fixtures';
import { orderingKeyOf, planDeliveries } from './plan-deliveries';

describe('planDeliveries', () => {
  const box = testSecretBox();
  const first = webhookFixture(box).state;
  const second = webhookFixture(box).state;

  it('plans one first attempt per (event, webhook), sharing one body per event', () => {
    const event = jobCreatedEvent();
    const plan = planDeliveries([event], () => [first, second]);

    expect(plan.map((delivery) => delivery.deliveryId)).toEqual([
      deliveryIdFor(event.id, first.id),
      deliveryIdFor(event.id, second.id),
    ]);
    expect(plan.every((delivery) => delivery.attempt === 1)).toBe(true);
    expect(plan[0].payload.body).toBe(plan[1].payload.body);
    expect(JSON.parse(plan[0].payload.body.toString())).toEqual({
      id: event.id,
      type: 'job.created',
      timestamp: event.occurredAt,
      data: event.data,
    });
    expect(Object.keys(plan[0].payload.payload)).toEqual(['id', 'type', 'timestamp', 'data']);
  });

  it('skips events nobody subscribes to and a repeated event in the same batch', () => {
    const event = jobCreatedEvent();
    const unmatched = jobCreatedEvent();
    const endpointsOf = (candidate: EventEnvelope): WebhookState[] =>
      candidate.id === unmatched.id ? [] : [first];

    expect(planDeliveries([event, unmatched, { ...event }], endpointsOf)).toHaveLength(1);
  });

  it('orders by webhook and subject', () => {
    const a = jobCreatedEvent({ subject: 'job_1' });
    const b = jobCreatedEvent({ subject: 'job_1' });
    const c = jobCreatedEvent({ subject: 'job_2' });

    expect(orderingKeyOf({ webhook: first, event: a })).toBe(orderingKeyOf({ webhook: first, event: b }));
    expect(orderingKeyOf({ webhook: first, event: a })).not.toBe(orderingKeyOf({ webhook: first, event: c }));
    expect(orderingKeyOf({ webhook: first, event: a })).not.toBe(
      orderingKeyOf({ webhook: second, event: a }),
    );
  });
});
