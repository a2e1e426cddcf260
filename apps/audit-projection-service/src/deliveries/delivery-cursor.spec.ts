import { decodeDeliveryCursor, encodeDeliveryCursor } from './delivery-cursor';

describe('delivery cursor', () => {
  const cursor = { createdAt: new Date('2026-11-22T10:00:01.123Z'), id: 'dlv_abc' };

  it('round-trips through an opaque URL-safe string', () => {
    const encoded = encodeDeliveryCursor(cursor);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeDeliveryCursor(encoded)).toEqual(cursor);
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'abc+/='],
    ['not JSON', Buffer.from('nope').toString('base64url')],
    ['missing id', Buffer.from(JSON.stringify({ t: '2026-11-22T10:00:01.123Z' })).toString('base64url')],
    ['bad date', Buffer.from(JSON.stringify({ t: 'tomorrow', i: 'dlv_a' })).toString('base64url')],
    [
      'non-canonical date',
      Buffer.from(JSON.stringify({ t: '2026-11-22', i: 'dlv_a' })).toString('base64url'),
    ],
    ['too long', 'A'.repeat(600)],
    [
      'dated past the last timestamp the API accepts',
      Buffer.from(JSON.stringify({ t: '+099999-01-01T00:00:00.000Z', i: 'dlv_a' })).toString('base64url'),
    ],
  ])('refuses a cursor that is %s', (_, value) => {
    expect(decodeDeliveryCursor(value)).toBeNull();
  });
});
