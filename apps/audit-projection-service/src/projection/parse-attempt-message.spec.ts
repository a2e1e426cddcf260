import {
  ATTEMPT_EVENT_SCHEMA,
  ATTEMPT_START_SCHEMA,
  DELIVERY_HELD_SCHEMA,
  KafkaHeaders,
  validateAttemptEvent,
} from '@hookline/contracts';
import type { KafkaMessage } from 'kafkajs';
import { aDeliveryHeld, anAttemptEvent, anAttemptStart, timedOut } from '../../test/attempt-event.fixture';
import { parseAttemptMessage } from './parse-attempt-message';

function messageOf(value: Buffer | null, headers: Record<string, string> = {}): KafkaMessage {
  return { key: Buffer.from('dlv_1'), value, headers, offset: '0', timestamp: '0', attributes: 0 };
}

function reasonFor(value: unknown): string {
  const parsed = validateAttemptEvent(value);
  if (parsed.ok) {
    throw new Error('expected the event to be refused');
  }
  return parsed.reason;
}

describe(parseAttemptMessage.name, () => {
  it('accepts a valid attempt event as a typed DTO', () => {
    const event = anAttemptEvent();
    const parsed = parseAttemptMessage(messageOf(Buffer.from(JSON.stringify(event))));
    expect(parsed).toEqual({
      ok: true,
      value: { kind: 'attempt', event: expect.objectContaining({ attemptId: event.attemptId, attempt: 1 }) },
    });
  });

  it('reads an attempt start, with the time the message has on the topic', () => {
    const start = anAttemptStart(anAttemptEvent());
    const message = {
      ...messageOf(Buffer.from(JSON.stringify(start)), { [KafkaHeaders.schema]: ATTEMPT_START_SCHEMA }),
      timestamp: '1764633600000',
    };
    expect(parseAttemptMessage(message)).toEqual({
      ok: true,
      value: { kind: 'start', start, timestampMs: 1_764_633_600_000 },
    });
  });

  it('refuses an attempt start without its attempt number, naming it', () => {
    const start = { ...anAttemptStart(anAttemptEvent()), attempt: 0 };
    const parsed = parseAttemptMessage(
      messageOf(Buffer.from(JSON.stringify(start)), { [KafkaHeaders.schema]: ATTEMPT_START_SCHEMA }),
    );
    expect(parsed).toEqual({ ok: false, reason: expect.stringMatching(/^invalid attempt start: .*attempt/) });
  });

  it('reads a delivery hold and refuses one whose payload is another event', () => {
    const event = anAttemptEvent();
    const held = aDeliveryHeld(event);
    const parse = (value: object) =>
      parseAttemptMessage(
        messageOf(Buffer.from(JSON.stringify(value)), { [KafkaHeaders.schema]: DELIVERY_HELD_SCHEMA }),
      );
    expect(parse(held)).toEqual({ ok: true, value: { kind: 'held', held } });
    expect(parse({ ...held, reason: 'tired' })).toEqual({
      ok: false,
      reason: expect.stringContaining('reason'),
    });
    expect(parse({ ...held, payload: { ...held.payload, id: 'evt_other' } })).toEqual({
      ok: false,
      reason: expect.stringContaining('differs from eventId'),
    });
  });

  it('accepts nulls where the contract allows them (no response, no next attempt)', () => {
    const event = anAttemptEvent(timedOut('2026-11-22T10:05:00.000Z'));
    expect(validateAttemptEvent(event).ok).toBe(true);
  });

  it('accepts an event date without a time, as ingest does', () => {
    const event = anAttemptEvent();
    expect(
      validateAttemptEvent({
        ...event,
        eventOccurredAt: '2026-11-22',
        payload: { ...event.payload, timestamp: '2026-11-22' },
      }).ok,
    ).toBe(true);
  });

  it('tolerates fields a newer producer added', () => {
    expect(validateAttemptEvent({ ...anAttemptEvent(), region: 'eu-1' }).ok).toBe(true);
  });

  it('refuses a value that is not JSON', () => {
    const parsed = parseAttemptMessage(messageOf(Buffer.from('not json {')));
    expect(parsed).toEqual({ ok: false, reason: expect.stringContaining('not valid JSON') });
  });

  it('refuses a message without a value', () => {
    expect(parseAttemptMessage(messageOf(null))).toEqual({ ok: false, reason: 'message has no value' });
  });

  it('refuses a JSON value that is not an object', () => {
    expect(reasonFor([anAttemptEvent()])).toBe('attempt event must be a JSON object');
  });

  it('refuses another schema named in the headers', () => {
    const value = Buffer.from(JSON.stringify(anAttemptEvent()));
    expect(parseAttemptMessage(messageOf(value, { [KafkaHeaders.schema]: ATTEMPT_EVENT_SCHEMA })).ok).toBe(
      true,
    );
    expect(parseAttemptMessage(messageOf(value, { [KafkaHeaders.schema]: 'attempt.v2' }))).toEqual({
      ok: false,
      reason: expect.stringContaining('unsupported schema "attempt.v2"'),
    });
  });

  it.each([
    ['attemptId', { attemptId: undefined }],
    ['deliveryId', { deliveryId: '' }],
    ['attempt', { attempt: 0 }],
    ['attempt', { attempt: 1.5 }],
    ['startedAt', { startedAt: 'yesterday' }],
    ['startedAt', { startedAt: '2026-11-22T10:00:00' }],
    ['durationMs', { durationMs: -1 }],
    ['requestHeaders', { requestHeaders: { 'x-count': 3 } }],
    ['responseStatus', { responseStatus: undefined }],
    ['responseStatus', { responseStatus: 42 }],
    ['responseHeaders', { responseHeaders: 'text/plain' }],
    ['responseBodyTruncated', { responseBodyTruncated: 'no' }],
    ['outcome', { outcome: 'meh' }],
    ['deliveryStatus', { deliveryStatus: 'done' }],
    ['nextAttemptAt', { nextAttemptAt: 'soon' }],
    ['eventOccurredAt', { eventOccurredAt: undefined }],
    ['payload', { payload: undefined }],
  ])('names %s when it is missing or wrong', (field, overrides) => {
    expect(reasonFor({ ...anAttemptEvent(), ...overrides })).toContain(field);
  });

  it('names the nested field of a wrong payload', () => {
    const event = anAttemptEvent();
    expect(reasonFor({ ...event, payload: { ...event.payload, data: 'x' } })).toContain('payload.data');
  });

  it('refuses a payload of another event', () => {
    const event = anAttemptEvent();
    expect(reasonFor({ ...event, payload: { ...event.payload, id: 'evt_other' } })).toContain(
      'payload.id "evt_other" differs from eventId',
    );
  });
});
