import { collectAll, paginate } from './paginate';

describe(paginate.name, () => {
  it('walks every page, passing each nextCursor to the next call', async () => {
    const pages: Record<string, { items: number[]; nextCursor: string | null }> = {
      first: { items: [1, 2], nextCursor: 'c2' },
      c2: { items: [3], nextCursor: 'c3' },
      c3: { items: [], nextCursor: null },
    };
    const cursors: (string | undefined)[] = [];
    const items = await collectAll(async (cursor) => {
      cursors.push(cursor);
      return pages[cursor ?? 'first'];
    });
    expect(items).toEqual([1, 2, 3]);
    expect(cursors).toEqual([undefined, 'c2', 'c3']);
  });

  it('stops on a cursor it has seen before instead of looping', async () => {
    await expect(collectAll(async () => ({ items: [1], nextCursor: 'same' }))).rejects.toThrow(
      'the list returned cursor same twice',
    );
  });
});
