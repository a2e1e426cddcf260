import type { EventOrigin, EventTypeDefinition } from './event-type-definition';

/** The input of `defineEventType`: the example is type-checked against the data class. */
export interface EventTypeSpec<T extends object> {
  readonly type: string;
  readonly resource: string;
  readonly description: string;
  readonly dataClass: new () => T;
  readonly example: NoInfer<T>;
  readonly defaultTtlSeconds?: number;
  readonly origin?: EventOrigin;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) {
      deepFreeze(child);
    }
    Object.freeze(value);
  }
  return value;
}

/** Builds a catalog entry whose example is checked by the compiler against its DTO; the entry is deeply frozen. */
export function defineEventType<T extends object>(spec: EventTypeSpec<T>): EventTypeDefinition {
  const example: Record<string, unknown> = Object.fromEntries(Object.entries(structuredClone(spec.example)));
  return deepFreeze({ ...spec, origin: spec.origin ?? 'product', example });
}
