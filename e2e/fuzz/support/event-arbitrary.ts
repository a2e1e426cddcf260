import fc from 'fast-check';
import { EVENT_CATALOG } from '@hookline/contracts';
import { hostileValue } from './hostile-values';

const PRODUCT_TYPES = EVENT_CATALOG.filter((definition) => definition.origin !== 'platform');

/** Every path of a JSON value's leaves and branches, e.g. `['address', 'city']`. */
function pathsOf(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) {
    return [prefix];
  }
  const children = Object.entries(value as Record<string, unknown>).flatMap(([key, child]) =>
    pathsOf(child, [...prefix, key]),
  );
  return [prefix, ...children];
}

function replaceAt(value: unknown, path: string[], replacement: unknown): unknown {
  if (path.length === 0) {
    return replacement;
  }
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...(value as object) }) as Record<
    string,
    unknown
  >;
  if (replacement === undefined && rest.length === 0) {
    delete copy[head];
  } else {
    copy[head] = replaceAt(copy[head], rest, replacement);
  }
  return copy;
}

/**
 * An event the catalog accepts (its type's example), often with one field removed or replaced by a
 * hostile value: random `data` would only ever meet the first check of the type's contract.
 */
export function catalogEventArbitrary(): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record({
      definition: fc.constantFrom(...PRODUCT_TYPES),
      subject: fc.oneof(
        fc.constantFrom('job_1', 'job_2', 'estimate_9'),
        fc.string({ minLength: 1, maxLength: 20 }),
      ),
      mutation: fc.option(fc.tuple(fc.nat(), fc.option(hostileValue(), { nil: undefined })), { freq: 2 }),
      idempotencyKey: fc.option(fc.constantFrom('key-1', 'key-2', 'key-3'), { freq: 4, nil: undefined }),
      occurredAt: fc.option(fc.constantFrom('2026-11-22T10:00:00.000Z', '9999-12-31T23:59:59Z'), {
        freq: 4,
        nil: undefined,
      }),
    })
    .map(({ definition, subject, mutation, idempotencyKey, occurredAt }) => {
      let data: unknown = definition.example;
      if (mutation !== null) {
        const paths = pathsOf(data).filter((path) => path.length > 0);
        data = replaceAt(data, paths[mutation[0] % paths.length], mutation[1]);
      }
      return {
        type: definition.type,
        subject,
        data,
        ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
        ...(occurredAt !== undefined ? { occurredAt } : {}),
      };
    });
}
