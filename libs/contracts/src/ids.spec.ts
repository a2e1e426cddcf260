import { decodeTime } from 'ulid';
import { EXTERNAL_ID_PATTERN, IdPrefix, deliveryIdFor, newId } from './ids';

const CROCKFORD_BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

describe(newId.name, () => {
  it.each(Object.values(IdPrefix))('gives %s ids: the prefix, then a 26-character ULID', (prefix) => {
    const id = newId(prefix);
    expect(id).toMatch(new RegExp(`^${prefix}_[${CROCKFORD_BASE32}]{26}$`));
    expect(id).toMatch(EXTERNAL_ID_PATTERN);
  });

  it('encodes the creation time in the first 10 characters, so ids sort by it', () => {
    jest.useFakeTimers({ now: Date.parse('2026-11-22T10:00:00.000Z') });
    try {
      const first = newId('evt');
      jest.setSystemTime(Date.parse('2026-11-22T10:00:00.001Z'));
      const second = newId('evt');
      expect(decodeTime(first.slice('evt_'.length))).toBe(Date.parse('2026-11-22T10:00:00.000Z'));
      expect(decodeTime(second.slice('evt_'.length))).toBe(Date.parse('2026-11-22T10:00:00.001Z'));
      expect(second > first).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });

  it('never repeats, across many refills of its random pool', () => {
    const ids = Array.from({ length: 20_000 }, () => newId('evt'));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('spreads the random part over the whole alphabet, in every position', () => {
    const randomParts = Array.from({ length: 4_000 }, () => newId('att').slice(-16));
    for (let position = 0; position < 16; position += 1) {
      const seen = new Set(randomParts.map((part) => part[position]));
      expect(seen.size).toBe(CROCKFORD_BASE32.length);
    }
  });
});

describe(deliveryIdFor.name, () => {
  it('derives the same delivery id from the same event and webhook, another from another pair', () => {
    const id = deliveryIdFor('evt_1', 'wh_1');
    expect(id).toMatch(/^dlv_[A-Za-z0-9_-]{26}$/);
    expect(deliveryIdFor('evt_1', 'wh_1')).toBe(id);
    expect(deliveryIdFor('evt_1', 'wh_2')).not.toBe(id);
    expect(deliveryIdFor('evt_2', 'wh_1')).not.toBe(id);
  });
});
