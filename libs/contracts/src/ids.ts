import { createHash, randomFillSync } from 'node:crypto';
import { ulid } from 'ulid';

/** Prefixes of Hookline's identifiers, so a reader can tell an id's kind at a glance. */
export const IdPrefix = {
  event: 'evt',
  organization: 'org',
  webhook: 'wh',
  apiKey: 'key',
  attempt: 'att',
  delivery: 'dlv',
  command: 'cmd',
  portalSession: 'ps',
  backfill: 'bf',
} as const;

export type IdPrefix = (typeof IdPrefix)[keyof typeof IdPrefix];

// ulid's default PRNG asks the OS for one byte per character; an id takes 16 bytes of this pool.
const randomPool = Buffer.alloc(4096);
let randomPoolOffset = randomPool.length;

/** A fraction in [0, 1) from a cryptographically random byte, as ulid's PRNG contract asks. */
function pooledRandom(): number {
  if (randomPoolOffset === randomPool.length) {
    randomFillSync(randomPool);
    randomPoolOffset = 0;
  }
  return randomPool[randomPoolOffset++] / 256;
}

/** Time-ordered, URL-safe, unique: `evt_01JDZ8K3...`. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${ulid(Date.now(), pooledRandom)}`;
}

/** Ids we accept from outside: a prefix, an underscore, then 1–120 URL-safe characters. */
export const EXTERNAL_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

/**
 * A delivery is one event to one webhook; its id is derived from both, so a redelivered
 * Kafka message maps to the same delivery and the log shows one row, not two.
 */
export function deliveryIdFor(eventId: string, webhookId: string): string {
  const digest = createHash('sha256').update(`${eventId}\u0000${webhookId}`).digest('base64url');
  return `${IdPrefix.delivery}_${digest.slice(0, 26)}`;
}
