import type { EventType } from '../../api/types';

export interface EventGroup {
  resource: string;
  types: EventType[];
}

const ALL = '*';
const wildcard = (resource: string) => `${resource}.*`;

export function groupByResource(eventTypes: readonly EventType[]): EventGroup[] {
  const groups = new Map<string, EventType[]>();
  for (const eventType of eventTypes) {
    groups.set(eventType.resource, [...(groups.get(eventType.resource) ?? []), eventType]);
  }
  return [...groups].map(([resource, types]) => ({ resource, types }));
}

/** A whole group is selected by its `<resource>.*` pattern (so later events of the kind come too) or by `*`. */
export function isGroupSelected(patterns: readonly string[], resource: string): boolean {
  return patterns.includes(ALL) || patterns.includes(wildcard(resource));
}

export function isTypeSelected(patterns: readonly string[], type: EventType): boolean {
  return isGroupSelected(patterns, type.resource) || patterns.includes(type.type);
}

export function setGroup(
  patterns: readonly string[],
  groups: readonly EventGroup[],
  resource: string,
  on: boolean,
): string[] {
  const expanded = patterns.includes(ALL) ? groups.map((group) => wildcard(group.resource)) : [...patterns];
  const group = groups.find((item) => item.resource === resource);
  const members = new Set(group?.types.map((type) => type.type) ?? []);
  const rest = expanded.filter((pattern) => pattern !== wildcard(resource) && !members.has(pattern));
  return on ? [...rest, wildcard(resource)] : rest;
}

export function setType(
  patterns: readonly string[],
  groups: readonly EventGroup[],
  type: EventType,
  on: boolean,
): string[] {
  if (on) {
    return patterns.includes(type.type) ? [...patterns] : [...patterns, type.type];
  }
  if (!isGroupSelected(patterns, type.resource)) {
    return patterns.filter((pattern) => pattern !== type.type);
  }
  // Unticking one event of a selected group keeps the others of the group, one by one.
  const group = groups.find((item) => item.resource === type.resource);
  const withoutGroup = setGroup(patterns, groups, type.resource, false);
  return [
    ...withoutGroup,
    ...(group?.types ?? []).filter((item) => item.type !== type.type).map((item) => item.type),
  ];
}
