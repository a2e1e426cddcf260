import type { KafkaMessage } from 'kafkajs';
import { aWebhookState } from '../../test/webhook-state.fixture';
import { parseWebhookMessage } from './parse-webhook-message';

function messageOf(key: string | null, value: unknown): KafkaMessage {
  return {
    key: key === null ? null : Buffer.from(key),
    value: value === null ? null : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
    timestamp: String(Date.parse('2026-11-22T10:00:00.000Z')),
    offset: '0',
    attributes: 0,
    size: 0,
  };
}

describe(parseWebhookMessage.name, () => {
  it('keeps the owner, URL and version of a webhook state', () => {
    const state = aWebhookState({ id: 'wh_1', organizationId: 'org_1', version: 4 });
    expect(parseWebhookMessage(messageOf('wh_1', state))).toEqual({
      ok: true,
      value: {
        kind: 'state',
        id: 'wh_1',
        organizationId: 'org_1',
        url: state.url,
        version: 4,
        updatedAt: state.updatedAt,
      },
    });
  });

  it('reads a tombstone as a deletion dated by the record', () => {
    expect(parseWebhookMessage(messageOf('wh_1', null))).toEqual({
      ok: true,
      value: { kind: 'deleted', id: 'wh_1', deletedAt: '2026-11-22T10:00:00.000Z' },
    });
  });

  it.each([
    ['no key', messageOf(null, aWebhookState()), 'no key'],
    ['a key of another webhook', messageOf('wh_other', aWebhookState({ id: 'wh_1' })), 'differs'],
    ['a value that is not JSON', messageOf('wh_1', '{'), 'not valid JSON'],
    [
      'no organization',
      messageOf('wh_1', { ...aWebhookState({ id: 'wh_1' }), organizationId: undefined }),
      'organizationId',
    ],
    ['a negative version', messageOf('wh_1', aWebhookState({ id: 'wh_1', version: -1 })), 'version'],
  ])('refuses a record with %s', (_, message, reason) => {
    expect(parseWebhookMessage(message)).toEqual({ ok: false, reason: expect.stringContaining(reason) });
  });
});
