/** Paths where two JSON values differ (`data.status`, `data.items[2]`), at most `limit` of them. */
export function jsonDifferences(expected: unknown, actual: unknown, limit = 5, path = ''): string[] {
  if (Object.is(expected, actual)) {
    return [];
  }
  const bothObjects =
    typeof expected === 'object' && expected !== null && typeof actual === 'object' && actual !== null;
  if (!bothObjects || Array.isArray(expected) !== Array.isArray(actual)) {
    return [path || '(the whole body)'];
  }
  const differences: string[] = [];
  const keys = Array.isArray(expected)
    ? [...Array(Math.max(expected.length, (actual as unknown[]).length)).keys()].map(String)
    : [...new Set([...Object.keys(expected), ...Object.keys(actual)])];
  for (const key of keys) {
    const child = Array.isArray(expected) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    const left = (expected as Record<string, unknown>)[key];
    const right = (actual as Record<string, unknown>)[key];
    differences.push(...jsonDifferences(left, right, limit - differences.length, child));
    if (differences.length >= limit) {
      break;
    }
  }
  return differences;
}
