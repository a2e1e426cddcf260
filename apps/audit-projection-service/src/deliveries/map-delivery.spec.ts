import { AttemptEntity } from './attempt.entity';
import { DeliveryEntity } from './delivery.entity';
import { toDeliveryDetailDto, toDeliverySummaryDto } from './map-delivery';
import { PayloadEntity } from './payload.entity';

function aDelivery(): DeliveryEntity {
  return Object.assign(new DeliveryEntity(), {
    id: 'dlv_1',
    organizationId: 'org_1',
    webhookId: 'wh_1',
    eventId: 'evt_1',
    eventType: 'job.created',
    subject: 'job_1',
    url: 'https://example.com/hooks',
    status: 'retrying',
    attemptCount: 1,
    lastAttemptId: 'att_1',
    lastAttemptNumber: 1,
    lastResponseStatus: 503,
    lastOutcome: 'http_5xx',
    lastAttemptAt: new Date('2026-11-22T10:00:01.000Z'),
    nextAttemptAt: new Date('2026-11-22T10:05:01.000Z'),
    heldReason: null,
    backfillId: null,
    eventOccurredAt: new Date('2026-11-22T10:00:00.000Z'),
    createdAt: new Date('2026-11-22T10:00:01.000Z'),
    updatedAt: new Date('2026-11-22T10:00:01.250Z'),
  } satisfies DeliveryEntity);
}

/** The columns of an attempt the API shows as they are stored. */
const SHOWN_AS_STORED = {
  requestHeaders: { 'webhook-id': 'evt_1' },
  responseStatus: 503,
  responseHeaders: { 'retry-after': '60' },
  responseBody: 'busy',
  responseBodyTruncated: false,
  outcome: 'http_5xx',
  error: null,
} as const satisfies Partial<AttemptEntity>;

function anAttempt(): AttemptEntity {
  return Object.assign(new AttemptEntity(), {
    id: 'att_1',
    deliveryId: 'dlv_1',
    organizationId: 'org_1',
    webhookId: 'wh_1',
    eventType: 'job.created',
    url: 'https://example.com/hooks',
    attemptNumber: 1,
    startedAt: new Date('2026-11-22T10:00:01.000Z'),
    durationMs: 250,
    nextAttemptAt: new Date('2026-11-22T10:05:01.000Z'),
    ...SHOWN_AS_STORED,
  } satisfies AttemptEntity);
}

describe(toDeliverySummaryDto.name, () => {
  it('shows what the log history lists, with ISO dates and no internal columns', () => {
    expect(toDeliverySummaryDto(aDelivery())).toEqual({
      id: 'dlv_1',
      eventId: 'evt_1',
      eventType: 'job.created',
      url: 'https://example.com/hooks',
      status: 'retrying',
      attemptCount: 1,
      lastResponseStatus: 503,
      heldReason: null,
      backfillId: null,
      createdAt: '2026-11-22T10:00:01.000Z',
      updatedAt: '2026-11-22T10:00:01.250Z',
    });
  });

  it('names the backfill that made the delivery', () => {
    expect(toDeliverySummaryDto({ ...aDelivery(), backfillId: 'bf_1' })).toMatchObject({
      backfillId: 'bf_1',
    });
  });

  it('shows a delivery held before its first attempt, with why', () => {
    const held = Object.assign(aDelivery(), {
      attemptCount: 0,
      lastAttemptId: null,
      lastAttemptNumber: 0,
      lastResponseStatus: null,
      lastOutcome: null,
      lastAttemptAt: null,
      heldReason: 'circuit_open' as const,
    });
    expect(toDeliverySummaryDto(held)).toMatchObject({
      status: 'retrying',
      attemptCount: 0,
      lastResponseStatus: null,
      heldReason: 'circuit_open',
    });
  });
});

describe(toDeliveryDetailDto.name, () => {
  it('adds the payload and every attempt', () => {
    const payload = Object.assign(new PayloadEntity(), {
      eventId: 'evt_1',
      organizationId: 'org_1',
      eventType: 'job.created',
      body: {
        id: 'evt_1',
        type: 'job.created',
        timestamp: '2026-11-22T10:00:00.000Z',
        data: { jobId: 'job_1' },
      },
      occurredAt: new Date('2026-11-22T10:00:00.000Z'),
      createdAt: new Date('2026-11-22T10:00:01.000Z'),
    } satisfies PayloadEntity);
    const detail = toDeliveryDetailDto(aDelivery(), [anAttempt()], payload);
    expect(detail).toMatchObject({
      id: 'dlv_1',
      webhookId: 'wh_1',
      subject: 'job_1',
      nextAttemptAt: '2026-11-22T10:05:01.000Z',
      payload: payload.body,
    });
    expect(detail.attempts).toEqual([
      {
        id: 'att_1',
        attempt: 1,
        startedAt: '2026-11-22T10:00:01.000Z',
        durationMs: 250,
        nextAttemptAt: '2026-11-22T10:05:01.000Z',
        ...SHOWN_AS_STORED,
      },
    ]);
  });

  it('answers null for a payload that is not stored and a delivery with no retry due', () => {
    const delivery = Object.assign(aDelivery(), { nextAttemptAt: null });
    expect(toDeliveryDetailDto(delivery, [], null)).toMatchObject({
      payload: null,
      nextAttemptAt: null,
      attempts: [],
    });
  });
});
