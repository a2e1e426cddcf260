import { EVENT_TYPES, RESOURCES, findEventType } from '@hookline/contracts';
import { closestMatch } from '../common/closest-match';

/** Subscribes to every event type, present and future. */
export const ALL_EVENTS_PATTERN = '*';

const WILDCARD_SUFFIX = '.*';
const WILDCARD_PATTERNS = [
  ALL_EVENTS_PATTERN,
  ...RESOURCES.map((resource) => `${resource}${WILDCARD_SUFFIX}`),
];
const ALL_PATTERNS = [...EVENT_TYPES, ...WILDCARD_PATTERNS];

/** An exact catalog type, `<resource>.*` for a known resource, or `*`. */
export function isValidEventPattern(pattern: string): boolean {
  if (pattern === ALL_EVENTS_PATTERN) {
    return true;
  }
  if (pattern.endsWith(WILDCARD_SUFFIX)) {
    return RESOURCES.includes(pattern.slice(0, -WILDCARD_SUFFIX.length));
  }
  return findEventType(pattern) !== undefined;
}

/**
 * One message per invalid pattern, naming its position and, when one is close, the valid name
 * that was probably meant. Empty when every pattern is valid.
 */
export function findEventPatternProblems(patterns: readonly string[], field = 'events'): string[] {
  return patterns.flatMap((pattern, index) =>
    isValidEventPattern(pattern) ? [] : [describeInvalidPattern(`${field}[${index}]`, pattern)],
  );
}

/** Why `type` is not an exact catalog type (naming `field` and the closest type), or null when it is one. */
export function findEventTypeProblem(type: string, field: string): string | null {
  if (findEventType(type) !== undefined) {
    return null;
  }
  if (type.includes('*')) {
    return `${field} "${type}" is a pattern; give one event type, e.g. "job.created"`;
  }
  const suggestion = closestMatch(type, EVENT_TYPES);
  const hint = suggestion ? `did you mean "${suggestion}"?` : 'see GET /v1/event-types';
  return `${field} "${type}" is not a known event type; ${hint}`;
}

/** The patterns that select `type`: itself, `<resource>.*` and `*`. */
export function patternsCovering(type: string): string[] {
  const resource = type.slice(0, type.indexOf('.'));
  return [type, `${resource}${WILDCARD_SUFFIX}`, ALL_EVENTS_PATTERN];
}

/** The patterns without repeats, in the order given. */
export function uniqueEventPatterns(patterns: readonly string[]): string[] {
  return [...new Set(patterns)];
}

function describeInvalidPattern(path: string, pattern: string): string {
  const isWildcard = pattern.endsWith(WILDCARD_SUFFIX);
  const suggestion = closestMatch(pattern, isWildcard ? WILDCARD_PATTERNS : ALL_PATTERNS);
  const problem = isWildcard
    ? `${path} "${pattern}" names no known resource`
    : `${path} "${pattern}" is not a known event type`;
  const hint = suggestion
    ? `did you mean "${suggestion}"?`
    : 'use a type of the event catalog, "<resource>.*" or "*"';
  return `${problem}; ${hint}`;
}
