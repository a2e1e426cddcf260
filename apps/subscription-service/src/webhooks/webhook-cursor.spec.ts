import { IdPrefix, newId } from '@hookline/contracts';
import { decodeWebhookCursor, encodeWebhookCursor } from './webhook-cursor';

describe('webhook cursor', () => {
  it('round-trips a webhook id', () => {
    const id = newId(IdPrefix.webhook);
    expect(decodeWebhookCursor(encodeWebhookCursor(id))).toBe(id);
  });

  it('is opaque and URL-safe', () => {
    const cursor = encodeWebhookCursor(newId(IdPrefix.webhook));
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('wh_');
  });

  it.each([
    ['not base64 JSON', '!!!'],
    ['empty', ''],
    [
      'JSON without the field',
      Buffer.from('{"after":"wh_01JDZ8K3W6Y8F7T1V3N9Q2R5XA"}').toString('base64url'),
    ],
    ['another kind of id', Buffer.from('{"before":"org_01JDZ8K3W6Y8F7T1V3N9Q2R5XA"}').toString('base64url')],
    ['an injected value', Buffer.from(`{"before":"wh_' OR 1=1 --"}`).toString('base64url')],
    ['a JSON scalar', Buffer.from('null').toString('base64url')],
  ])('decodes %s to null', (_, cursor) => {
    expect(decodeWebhookCursor(cursor)).toBeNull();
  });
});
