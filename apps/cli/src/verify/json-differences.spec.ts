import { jsonDifferences } from './json-differences';

describe(jsonDifferences.name, () => {
  it('names each changed, added or removed path', () => {
    const sent = { id: 'evt_1', data: { status: 'open', items: [1, 2], customer: { name: 'A' } } };
    const received = {
      id: 'evt_1',
      data: { status: 'closed', items: [1, 3], customer: { name: 'A' }, extra: true },
    };
    expect(jsonDifferences(sent, received)).toEqual(['data.status', 'data.items[1]', 'data.extra']);
  });

  it('finds none in equal values whatever their key order', () => {
    expect(jsonDifferences({ a: 1, b: { c: [1] } }, { b: { c: [1] }, a: 1 })).toEqual([]);
  });

  it('stops at the limit', () => {
    expect(jsonDifferences({ a: 1, b: 2, c: 3 }, { a: 0, b: 0, c: 0 }, 2)).toEqual(['a', 'b']);
  });
});
