import { chunkBySize, encodedSize } from './produce-request';

describe(chunkBySize.name, () => {
  const length = (item: string) => item.length;

  it('cuts the items, in order, into runs within the byte budget', () => {
    expect(chunkBySize(['aa', 'bb', 'cc', 'd'], length, 4)).toEqual([
      ['aa', 'bb'],
      ['cc', 'd'],
    ]);
  });

  it('sends an item larger than the budget alone', () => {
    expect(chunkBySize(['a', 'huge-item', 'b'], length, 4)).toEqual([['a'], ['huge-item'], ['b']]);
  });

  it('makes no run of no items', () => {
    expect(chunkBySize([], length, 4)).toEqual([]);
  });
});

describe(encodedSize.name, () => {
  it('counts the key, an encoded value and the headers', () => {
    expect(encodedSize({ key: 'k', value: Buffer.alloc(10), headers: { ab: 'cde' } })).toBe(16);
  });

  it('counts nothing for a tombstone without key', () => {
    expect(encodedSize({ key: null, value: null })).toBe(0);
  });
});
