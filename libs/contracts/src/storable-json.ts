/**
 * How deep objects and arrays may nest in any JSON Hookline accepts (HTTP bodies, events on Kafka).
 * Far above what a real payload needs, far below what recursive code (validation, `JSON.stringify`,
 * Postgres' jsonb) survives: 3,000 levels fit in a 1 MB body and overflowed the stack.
 */
export const MAX_JSON_DEPTH = 32;

/** Keys that reach `Object.prototype` or a class when code copies or merges objects. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const MAX_PROBLEMS = 10;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

interface Pending {
  value: unknown;
  path: string;
  depth: number;
}

/** Why Postgres (text and jsonb) cannot store `text`, or null when it can. */
export function unstorableTextReason(text: string): string | null {
  if (text.includes('\u0000')) {
    return 'the NUL character (\\u0000)';
  }
  if (LONE_SURROGATE.test(text)) {
    return 'a lone UTF-16 surrogate (not valid Unicode)';
  }
  return null;
}

/**
 * Problems of a parsed JSON value that would break storage or code downstream, each naming the field:
 * strings Postgres cannot store (NUL, lone surrogates) in values and keys, reserved keys
 * (`__proto__`, `constructor`, `prototype`), and nesting deeper than `MAX_JSON_DEPTH`. Walks with its own
 * stack, so no depth can overflow it; stops after a few problems.
 */
export function findUnstorableJson(value: unknown, rootPath = ''): string[] {
  const problems: string[] = [];
  const pending: Pending[] = [{ value, path: rootPath, depth: 0 }];
  while (pending.length > 0 && problems.length < MAX_PROBLEMS) {
    const { value: current, path, depth } = pending.pop() as Pending;
    if (typeof current === 'string') {
      const reason = unstorableTextReason(current);
      if (reason !== null) {
        problems.push(`${path || 'value'} must not contain ${reason}`);
      }
      continue;
    }
    if (typeof current !== 'object' || current === null) {
      continue;
    }
    if (depth + 1 > MAX_JSON_DEPTH) {
      problems.push(`${path || 'value'} nests deeper than ${MAX_JSON_DEPTH} levels`);
      continue;
    }
    if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index -= 1) {
        pending.push({ value: current[index], path: `${path}[${index}]`, depth: depth + 1 });
      }
      continue;
    }
    const keys = Object.keys(current);
    for (let index = keys.length - 1; index >= 0; index -= 1) {
      const key = keys[index];
      const keyReason = unstorableTextReason(key);
      if (keyReason !== null) {
        problems.push(`${path || 'value'} has a key that contains ${keyReason}`);
        continue;
      }
      const keyPath = path ? `${path}.${key.slice(0, 60)}` : key.slice(0, 60);
      if (RESERVED_KEYS.has(key)) {
        problems.push(`${keyPath} is a reserved name and not allowed`);
        continue;
      }
      pending.push({ value: (current as Record<string, unknown>)[key], path: keyPath, depth: depth + 1 });
    }
  }
  return problems.slice(0, MAX_PROBLEMS);
}
