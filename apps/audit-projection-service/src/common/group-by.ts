/** Groups by `key`, keeping each group non-empty by construction. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Array<[T, ...T[]]> {
  const groups = new Map<string, [T, ...T[]]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) {
      group.push(item);
    } else {
      groups.set(key(item), [item]);
    }
  }
  return [...groups.values()];
}
