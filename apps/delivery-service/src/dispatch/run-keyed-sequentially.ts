/**
 * Runs `work` for every item: items sharing a key one after another in input order, different keys
 * concurrently. Settles only when every item has finished; then rejects with the first failure, if any.
 */
export async function runKeyedSequentially<Item, Result>(
  items: readonly Item[],
  keyOf: (item: Item) => string,
  work: (item: Item) => Promise<Result>,
): Promise<Result[]> {
  const results = new Array<Result>(items.length);
  const chains = new Map<string, number[]>();
  items.forEach((item, index) => {
    const key = keyOf(item);
    const chain = chains.get(key);
    if (chain) chain.push(index);
    else chains.set(key, [index]);
  });
  const settled = await Promise.allSettled(
    [...chains.values()].map(async (indexes) => {
      for (const index of indexes) results[index] = await work(items[index]);
    }),
  );
  const failure = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failure) throw failure.reason;
  return results;
}
