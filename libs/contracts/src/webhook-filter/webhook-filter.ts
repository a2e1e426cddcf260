/**
 * A webhook's payload filter: besides its event types, a webhook may ask only for the events whose
 * fields satisfy a condition. The filter is plain JSON (saved with the webhook, carried in its state
 * to delivery-service) and is data, never code: a tree of `and` / `or` / `not` over conditions that
 * compare one field of the event with a literal.
 *
 *   { "and": [ { "field": "data.status", "eq": "completed" },
 *              { "not": { "field": "subject", "startsWith": "job_test_" } } ] }
 *
 * Limits keep the cost of one evaluation small and fixed: nesting depth, conditions, list sizes and
 * the encoded size are bounded, and a field path names at most `MAX_PATH_SEGMENTS` steps.
 */
export type FilterScalar = string | number | boolean | null;

export type FilterCondition =
  | { field: string; eq: FilterScalar }
  | { field: string; ne: FilterScalar }
  | { field: string; gt: number | string }
  | { field: string; gte: number | string }
  | { field: string; lt: number | string }
  | { field: string; lte: number | string }
  | { field: string; in: FilterScalar[] }
  | { field: string; exists: boolean }
  | { field: string; startsWith: string };

export type WebhookFilter =
  FilterCondition | { and: WebhookFilter[] } | { or: WebhookFilter[] } | { not: WebhookFilter };

/** What a filter reads of an event. */
export interface FilterableEvent {
  type: string;
  subject: string;
  data: Record<string, unknown>;
}

export const FILTER_OPERATORS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'exists', 'startsWith'] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

export const FILTER_LIMITS = {
  /** `and` / `or` / `not` levels above a condition. */
  maxDepth: 5,
  conditions: 50,
  /** Items of one `and` / `or`, and values of one `in`. */
  listItems: 20,
  inValues: 100,
  /** Characters of one string literal. */
  literalLength: 256,
  pathSegments: 10,
  /** Characters of the whole filter, JSON-encoded. */
  encodedLength: 4096,
} as const;

/** The event fields a path may start at. */
export const FILTER_ROOTS = ['type', 'subject', 'data'] as const;

const SEGMENT = /^[A-Za-z0-9_-]{1,64}$/;
const COMBINATORS = ['and', 'or', 'not'] as const;

/** A filter refused at save: `path` points at the offending part, as `filter.and[1].eq`. */
export interface FilterProblem {
  path: string;
  message: string;
}

/**
 * Checks a filter as it arrives in a request (`root` names it in the path, `filter` by default).
 * Returns the first problem found, depth first, or null when the filter is valid.
 */
export function findFilterProblem(value: unknown, root = 'filter'): FilterProblem | null {
  let encoded: string | undefined;
  try {
    encoded = JSON.stringify(value);
  } catch {
    return { path: root, message: 'must be JSON' };
  }
  if (encoded !== undefined && encoded.length > FILTER_LIMITS.encodedLength) {
    return {
      path: root,
      message: `must be at most ${FILTER_LIMITS.encodedLength} characters as JSON (it has ${encoded.length})`,
    };
  }
  const counter = { conditions: 0 };
  return checkNode(value, root, 0, counter);
}

function checkNode(
  value: unknown,
  path: string,
  depth: number,
  counter: { conditions: number },
): FilterProblem | null {
  if (!isPlainObject(value)) {
    return { path, message: 'must be an object: a condition, or one of and, or, not' };
  }
  const keys = Object.keys(value);
  const combinator = COMBINATORS.find((name) => name in value);
  if (combinator !== undefined) {
    if (keys.length !== 1) {
      const extra = keys.find((key) => key !== combinator);
      return { path: `${path}.${extra}`, message: `is not allowed beside ${combinator}` };
    }
    if (depth >= FILTER_LIMITS.maxDepth) {
      return { path, message: `nests deeper than ${FILTER_LIMITS.maxDepth} levels of and, or, not` };
    }
    const inner = value[combinator];
    if (combinator === 'not') {
      return checkNode(inner, `${path}.not`, depth + 1, counter);
    }
    if (!Array.isArray(inner) || inner.length === 0 || inner.length > FILTER_LIMITS.listItems) {
      return {
        path: `${path}.${combinator}`,
        message: `must be a list of 1 to ${FILTER_LIMITS.listItems} filters`,
      };
    }
    for (let index = 0; index < inner.length; index += 1) {
      const problem = checkNode(inner[index], `${path}.${combinator}[${index}]`, depth + 1, counter);
      if (problem) {
        return problem;
      }
    }
    return null;
  }
  counter.conditions += 1;
  if (counter.conditions > FILTER_LIMITS.conditions) {
    return { path, message: `is one condition too many: a filter holds at most ${FILTER_LIMITS.conditions}` };
  }
  return checkCondition(value, path);
}

function checkCondition(value: Record<string, unknown>, path: string): FilterProblem | null {
  const pathProblem = checkPath(value.field, `${path}.field`);
  if (pathProblem) {
    return pathProblem;
  }
  const operators = Object.keys(value).filter((key) => key !== 'field');
  const unknown = operators.find((key) => !(FILTER_OPERATORS as readonly string[]).includes(key));
  if (unknown !== undefined) {
    return {
      path: `${path}.${unknown}`,
      message: `is not an operator; use one of ${FILTER_OPERATORS.join(', ')}, or and, or, not`,
    };
  }
  if (operators.length !== 1) {
    return {
      path,
      message:
        operators.length === 0
          ? `needs one operator beside field: one of ${FILTER_OPERATORS.join(', ')}`
          : `has ${operators.length} operators (${operators.join(', ')}); a condition has exactly one`,
    };
  }
  const operator = operators[0] as FilterOperator;
  return checkOperand(operator, value[operator], `${path}.${operator}`);
}

function checkPath(field: unknown, path: string): FilterProblem | null {
  if (typeof field !== 'string') {
    return { path, message: 'must be a field path such as data.status, subject or type' };
  }
  const segments = field.split('.');
  if (!(FILTER_ROOTS as readonly string[]).includes(segments[0])) {
    return { path, message: `must start at ${FILTER_ROOTS.join(', ')} (it is "${field.slice(0, 64)}")` };
  }
  if (segments[0] !== 'data' && segments.length > 1) {
    return { path, message: `${segments[0]} is a string and has no fields` };
  }
  if (segments.length > FILTER_LIMITS.pathSegments) {
    return { path, message: `must have at most ${FILTER_LIMITS.pathSegments} segments` };
  }
  const bad = segments.findIndex((segment) => !SEGMENT.test(segment));
  if (bad !== -1) {
    return { path, message: `segment ${bad + 1} must be 1-64 characters of A-Z a-z 0-9 _ -` };
  }
  return null;
}

function checkOperand(operator: FilterOperator, operand: unknown, path: string): FilterProblem | null {
  switch (operator) {
    case 'eq':
    case 'ne':
      return checkScalar(operand, path);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      if (typeof operand === 'number' ? !Number.isFinite(operand) : typeof operand !== 'string') {
        return { path, message: 'must be a number or a string' };
      }
      return checkScalar(operand, path);
    case 'in': {
      if (!Array.isArray(operand) || operand.length === 0 || operand.length > FILTER_LIMITS.inValues) {
        return {
          path,
          message: `must be a list of 1 to ${FILTER_LIMITS.inValues} strings, numbers, booleans or null`,
        };
      }
      for (let index = 0; index < operand.length; index += 1) {
        const problem = checkScalar(operand[index], `${path}[${index}]`);
        if (problem) {
          return problem;
        }
      }
      return null;
    }
    case 'exists':
      return typeof operand === 'boolean' ? null : { path, message: 'must be true or false' };
    case 'startsWith':
      if (typeof operand !== 'string' || operand.length === 0) {
        return { path, message: 'must be a non-empty string' };
      }
      return checkScalar(operand, path);
  }
}

function checkScalar(operand: unknown, path: string): FilterProblem | null {
  if (typeof operand === 'string') {
    return operand.length > FILTER_LIMITS.literalLength
      ? { path, message: `must be at most ${FILTER_LIMITS.literalLength} characters` }
      : null;
  }
  if (typeof operand === 'number') {
    return Number.isFinite(operand) ? null : { path, message: 'must be a finite number' };
  }
  if (typeof operand === 'boolean' || operand === null) {
    return null;
  }
  return { path, message: 'must be a string, a number, a boolean or null' };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
