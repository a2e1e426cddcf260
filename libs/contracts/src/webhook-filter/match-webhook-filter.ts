import type { FilterableEvent, FilterScalar, WebhookFilter } from './webhook-filter';

/** A filter turned into one function, once per webhook state; the filter must have been checked. */
export type FilterPredicate = (event: FilterableEvent) => boolean;

/**
 * Compiles a checked filter. A condition on a field the event does not have is false, whatever its
 * operator, except `exists: false`; so `ne` holds only for a present field (`not` of `eq` also takes
 * absent ones). Order comparisons hold between two numbers or two strings (ISO timestamps compare as
 * instants), never across types.
 */
export function compileWebhookFilter(filter: WebhookFilter): FilterPredicate {
  if ('and' in filter) {
    const parts = filter.and.map(compileWebhookFilter);
    return (event) => parts.every((part) => part(event));
  }
  if ('or' in filter) {
    const parts = filter.or.map(compileWebhookFilter);
    return (event) => parts.some((part) => part(event));
  }
  if ('not' in filter) {
    const inner = compileWebhookFilter(filter.not);
    return (event) => !inner(event);
  }
  const read = fieldReader(filter.field);
  const test = operandTest(filter);
  return (event) => {
    const value = read(event);
    return value === undefined ? 'exists' in filter && !filter.exists : test(value);
  };
}

/** Whether the event matches, and where not: the path of the part that decided it, for the match API. */
export function explainWebhookFilter(
  filter: WebhookFilter,
  event: FilterableEvent,
  path = 'filter',
): { matches: boolean; decidedBy: string } {
  if ('and' in filter) {
    for (let index = 0; index < filter.and.length; index += 1) {
      const part = explainWebhookFilter(filter.and[index], event, `${path}.and[${index}]`);
      if (!part.matches) {
        return part;
      }
    }
    return { matches: true, decidedBy: path };
  }
  if ('or' in filter) {
    for (let index = 0; index < filter.or.length; index += 1) {
      const part = explainWebhookFilter(filter.or[index], event, `${path}.or[${index}]`);
      if (part.matches) {
        return part;
      }
    }
    return { matches: false, decidedBy: path };
  }
  if ('not' in filter) {
    const inner = explainWebhookFilter(filter.not, event, `${path}.not`);
    return { matches: !inner.matches, decidedBy: path };
  }
  return { matches: compileWebhookFilter(filter)(event), decidedBy: path };
}

function fieldReader(field: string): (event: FilterableEvent) => unknown {
  const [root, ...rest] = field.split('.');
  if (root === 'type') {
    return (event) => event.type;
  }
  if (root === 'subject') {
    return (event) => event.subject;
  }
  return (event) => {
    let value: unknown = event.data;
    for (const segment of rest) {
      if (typeof value !== 'object' || value === null) {
        return undefined;
      }
      // Own properties only: a path never reaches a prototype's members.
      value = Object.prototype.hasOwnProperty.call(value, segment)
        ? (value as Record<string, unknown>)[segment]
        : undefined;
    }
    return value;
  };
}

function operandTest(
  condition: Exclude<WebhookFilter, { and: unknown } | { or: unknown } | { not: unknown }>,
) {
  if ('eq' in condition) {
    const expected = condition.eq;
    return (value: unknown) => value === expected;
  }
  if ('ne' in condition) {
    const expected = condition.ne;
    return (value: unknown) => value !== expected;
  }
  if ('in' in condition) {
    const allowed = new Set<FilterScalar>(condition.in);
    return (value: unknown) => isScalar(value) && allowed.has(value);
  }
  if ('exists' in condition) {
    const wanted = condition.exists;
    return () => wanted;
  }
  if ('startsWith' in condition) {
    const prefix = condition.startsWith;
    return (value: unknown) => typeof value === 'string' && value.startsWith(prefix);
  }
  if ('gt' in condition) {
    return ordered(condition.gt, (order) => order > 0);
  }
  if ('gte' in condition) {
    return ordered(condition.gte, (order) => order >= 0);
  }
  if ('lt' in condition) {
    return ordered(condition.lt, (order) => order < 0);
  }
  return ordered(condition.lte, (order) => order <= 0);
}

function ordered(bound: number | string, holds: (order: number) => boolean) {
  return (value: unknown) => {
    if (typeof value !== typeof bound) {
      return false;
    }
    const order =
      typeof bound === 'number'
        ? (value as number) - bound
        : (value as string) < bound
          ? -1
          : value === bound
            ? 0
            : 1;
    return holds(order);
  };
}

function isScalar(value: unknown): value is FilterScalar {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}
