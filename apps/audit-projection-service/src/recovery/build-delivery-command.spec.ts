import { findEventType, validateEnvelope } from '@hookline/contracts';
import { buildDeliveryCommand, newCommandId } from './build-delivery-command';

describe(buildDeliveryCommand.name, () => {
  const source = {
    deliveryId: 'dlv_1',
    webhookId: 'wh_1',
    organizationId: 'org_1',
    subject: 'job_123',
    attemptCount: 3,
    payload: {
      body: {
        id: 'evt_1',
        type: 'job.created',
        timestamp: '2026-11-22T10:00:00.000Z',
        data: { jobId: 'job_123' },
      },
      occurredAt: new Date('2026-11-22T10:00:00.000Z'),
    },
  };

  it('rebuilds the event envelope from the stored payload and numbers the next attempt', () => {
    expect(buildDeliveryCommand(source, new Date('2026-11-22T18:00:00.000Z'), 'cmd_1')).toEqual({
      kind: 'redeliver',
      commandId: 'cmd_1',
      deliveryId: 'dlv_1',
      webhookId: 'wh_1',
      organizationId: 'org_1',
      event: {
        id: 'evt_1',
        type: 'job.created',
        organizationId: 'org_1',
        subject: 'job_123',
        occurredAt: '2026-11-22T10:00:00.000Z',
        expiresAt: null,
        data: { jobId: 'job_123' },
      },
      attempt: 4,
      requestedAt: '2026-11-22T18:00:00.000Z',
    });
  });

  it('produces an envelope that passes the contracts’ own validation', () => {
    const { event } = buildDeliveryCommand(
      {
        ...source,
        payload: {
          ...source.payload,
          body: { ...source.payload.body, data: findEventType('job.created')!.example },
        },
      },
      new Date(),
    );
    const validation = validateEnvelope(event);
    expect(validation.ok ? [] : validation.errors).toEqual([]);
  });

  it('gives every command a fresh, prefixed id', () => {
    const first = newCommandId();
    expect(first).toMatch(/^cmd_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(newCommandId()).not.toBe(first);
  });
});
