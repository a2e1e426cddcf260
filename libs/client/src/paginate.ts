/** One page of a cursor-paginated list, as every Hookline list endpoint answers. */
export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

/**
 * Every item of a list, page after page: `fetchPage` is called with the previous page's `nextCursor`
 * (undefined for the first) until a page has none. Pages are fetched as the caller consumes items.
 */
export async function* paginate<T>(
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
): AsyncGenerator<T> {
  let cursor: string | undefined;
  const seen = new Set<string>();
  do {
    const page = await fetchPage(cursor);
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
    // A cursor seen before would loop forever; a server bug must not hang its clients.
    if (cursor !== undefined && seen.has(cursor)) {
      throw new Error(`the list returned cursor ${cursor} twice`);
    }
    if (cursor !== undefined) {
      seen.add(cursor);
    }
  } while (cursor !== undefined);
}

/** Every item of a list in one array; for lists known to be small. */
export async function collectAll<T>(
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
): Promise<T[]> {
  const items: T[] = [];
  for await (const item of paginate(fetchPage)) {
    items.push(item);
  }
  return items;
}
