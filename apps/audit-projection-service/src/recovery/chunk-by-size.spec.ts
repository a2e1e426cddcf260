import { chunkBySize } from './chunk-by-size';

describe(chunkBySize.name, () => {
  const length = (text: string) => text.length;

  it('keeps every chunk within the byte and count limits, in order', () => {
    expect(chunkBySize(['aa', 'bb', 'cc', 'd'], length, 4, 10)).toEqual([
      ['aa', 'bb'],
      ['cc', 'd'],
    ]);
    expect(chunkBySize(['a', 'b', 'c'], length, 100, 2)).toEqual([['a', 'b'], ['c']]);
  });

  it('sends an item larger than the limit on its own', () => {
    expect(chunkBySize(['a', 'huge-item', 'b'], length, 4, 10)).toEqual([['a'], ['huge-item'], ['b']]);
  });

  it('returns no chunk for no items', () => {
    expect(chunkBySize([], length, 4, 10)).toEqual([]);
  });
});
