import { WebhookHeaders } from '@hookline/contracts';
import { findObjectFieldProblems } from './object-field-problems';
import { WEBHOOK_LIMITS } from './webhook-limits';

// RFC 9110 token characters.
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Visible ASCII, spaces and tabs, and obs-text: nothing that could end the header line.
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const PROTOTYPE_MEMBERS = new Set(
  [...Object.getOwnPropertyNames(Object.prototype), 'prototype'].map((name) => name.toLowerCase()),
);
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade']);

/** Why Hookline keeps `name` for itself, or null when a webhook may set it. */
export function reservedHeaderReason(name: string): string | null {
  const lower = name.toLowerCase();
  if (HOP_BY_HOP.has(lower) || lower.startsWith('proxy-')) {
    return 'hop-by-hop and proxy headers apply to a single connection';
  }
  if (lower === 'host') {
    return 'Hookline sets it from the url';
  }
  if (lower.startsWith('content-')) {
    return 'Hookline sets it for the JSON body it sends';
  }
  if (lower === 'authorization') {
    return 'use auth for Basic or Bearer credentials';
  }
  if (lower === 'user-agent') {
    return 'Hookline identifies itself with it';
  }
  if (lower === 'expect') {
    return 'Hookline sends the body at once, without waiting for 100 Continue';
  }
  // Header maps are plain objects on their way to the HTTP client; such a name was silently dropped.
  if (PROTOTYPE_MEMBERS.has(lower)) {
    return 'it is the name of a JavaScript object member';
  }
  if (lower.startsWith('webhook-')) {
    return "webhook-* headers carry Hookline's event id, timestamp and signature";
  }
  if (lower === WebhookHeaders.attemptId) {
    return 'Hookline puts the attempt’s id in the delivery log in it';
  }
  return null;
}

/** Problems of a header name, each naming it; empty when it is a valid name a webhook may use. */
export function findHeaderNameProblems(name: string, field: string): string[] {
  if (!HEADER_NAME.test(name)) {
    return [`${field} "${name}" is not a valid header name (letters, digits and !#$%&'*+-.^_\`|~ only)`];
  }
  if (name.length > WEBHOOK_LIMITS.headerNameMaxLength) {
    return [`${field} "${name}" is longer than ${WEBHOOK_LIMITS.headerNameMaxLength} characters`];
  }
  const reserved = reservedHeaderReason(name);
  return reserved === null ? [] : [`${field} "${name}" cannot be set: ${reserved}`];
}

/** Every problem of a custom header map, each naming the header. Empty when all are fine. */
export function findCustomHeaderProblems(headers: unknown): string[] {
  return findObjectFieldProblems('headers', headers, (entries) => {
    const problems: string[] = [];
    const seen = new Map<string, string>();
    for (const [name, value] of entries) {
      problems.push(...findHeaderNameProblems(name, 'headers'));
      const first = seen.get(name.toLowerCase());
      if (first !== undefined) {
        problems.push(`headers "${name}" repeats "${first}": header names ignore case`);
      }
      seen.set(name.toLowerCase(), first ?? name);
      problems.push(...findHeaderValueProblems(name, value));
    }
    return problems;
  });
}

function findHeaderValueProblems(name: string, value: unknown): string[] {
  if (typeof value !== 'string') {
    return [`headers "${name}" must have a string value`];
  }
  if (value.length > WEBHOOK_LIMITS.headerValueMaxLength) {
    return [`headers "${name}" is longer than ${WEBHOOK_LIMITS.headerValueMaxLength} characters`];
  }
  if (!HEADER_VALUE.test(value)) {
    return [`headers "${name}" must not contain control characters such as line breaks`];
  }
  return [];
}
