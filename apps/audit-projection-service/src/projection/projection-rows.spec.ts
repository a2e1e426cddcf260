import { aRetriedDelivery, anAttemptEvent, validAttempt } from '../../test/attempt-event.fixture';
import { toAttemptRow, toDeliveryRow, toPayloadRow } from './projection-rows';

describe(toDeliveryRow.name, () => {
  const [failed, succeeded] = aRetriedDelivery().map(validAttempt);

  it('reflects the attempt with the highest number, whatever the arrival order', () => {
    const inOrder = toDeliveryRow([failed, succeeded]);
    expect(toDeliveryRow([succeeded, failed])).toEqual(inOrder);
    expect(inOrder).toMatchObject({
      id: failed.deliveryId,
      status: 'succeeded',
      lastAttemptId: succeeded.attemptId,
      lastAttemptNumber: 2,
      lastResponseStatus: 200,
      lastOutcome: 'success',
      nextAttemptAt: null,
    });
  });

  it('counts the attempts it is built from as new to the delivery', () => {
    expect(toDeliveryRow([succeeded, failed]).newAttempts).toBe(2);
    expect(toDeliveryRow([succeeded]).newAttempts).toBe(1);
  });

  it('dates the delivery from the first start to the last finish', () => {
    expect(toDeliveryRow([succeeded, failed])).toMatchObject({
      createdAt: '2026-11-22T10:00:01.000Z',
      updatedAt: '2026-11-22T10:05:01.380Z',
      lastAttemptAt: '2026-11-22T10:05:01.300Z',
    });
  });

  it('keeps the retry schedule of a delivery still retrying', () => {
    expect(toDeliveryRow([failed])).toMatchObject({
      status: 'retrying',
      lastResponseStatus: 500,
      nextAttemptAt: '2026-11-22T10:05:01.250Z',
    });
  });

  it('normalises instants with offsets to UTC milliseconds', () => {
    const row = toDeliveryRow([
      validAttempt(anAttemptEvent({ startedAt: '2026-11-22T12:00:01.123456+02:00' })),
    ]);
    expect(row.createdAt).toBe('2026-11-22T10:00:01.123Z');
  });
});

describe(toAttemptRow.name, () => {
  it('copies the attempt with its number and redacted request headers', () => {
    const event = validAttempt(
      anAttemptEvent({ attempt: 3, requestHeaders: { authorization: '[redacted]' } }),
    );
    expect(toAttemptRow(event)).toMatchObject({
      id: event.attemptId,
      deliveryId: event.deliveryId,
      attemptNumber: 3,
      requestHeaders: { authorization: '[redacted]' },
      responseStatus: 200,
    });
  });
});

describe(`${toAttemptRow.name} (defensive)`, () => {
  it('redacts credentials and signatures in request and response headers again', () => {
    const event = validAttempt(
      anAttemptEvent({
        requestHeaders: {
          Authorization: 'Basic dXNlcjpwYXNz',
          'webhook-signature': 'v1,abc=',
          'X-Hub-Signature-256': 'sha256=abc',
          'content-type': 'application/json',
        },
        responseHeaders: { 'set-cookie': 'session=1', 'content-type': 'text/plain' },
      }),
    );
    expect(toAttemptRow(event)).toMatchObject({
      requestHeaders: {
        Authorization: '[redacted]',
        'webhook-signature': '[redacted]',
        'X-Hub-Signature-256': '[redacted]',
        'content-type': 'application/json',
      },
      responseHeaders: { 'set-cookie': '[redacted]', 'content-type': 'text/plain' },
    });
  });

  it('truncates a response body over 64 KiB and flags it', () => {
    const row = toAttemptRow(validAttempt(anAttemptEvent({ responseBody: 'x'.repeat(70_000) })));
    expect(row.responseBody).toHaveLength(65_536);
    expect(row.responseBodyTruncated).toBe(true);
  });

  it('keeps the flag of a body the producer already truncated', () => {
    const row = toAttemptRow(
      validAttempt(anAttemptEvent({ responseBody: 'x', responseBodyTruncated: true })),
    );
    expect(row).toMatchObject({ responseBody: 'x', responseBodyTruncated: true });
    expect(toAttemptRow(validAttempt(anAttemptEvent({ responseBody: null }))).responseBodyTruncated).toBe(
      false,
    );
  });
});

describe(toPayloadRow.name, () => {
  it('stores the delivered body once, dated by the earliest attempt', () => {
    const [first, second] = aRetriedDelivery().map(validAttempt);
    expect(toPayloadRow([second, first])).toEqual({
      eventId: first.eventId,
      organizationId: first.organizationId,
      eventType: first.eventType,
      body: first.payload,
      occurredAt: '2026-11-22T10:00:00.000Z',
      createdAt: '2026-11-22T10:00:01.000Z',
    });
  });
});
