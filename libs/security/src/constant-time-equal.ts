import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares secrets (admin token, service tokens) without leaking, through timing,
 * where they differ or how long the expected one is: both sides are hashed to 32 bytes first.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  return timingSafeEqual(secretDigest(a), secretDigest(b));
}

/**
 * The 32-byte digest `constantTimeEqual` compares. A guard that checks one presented token against
 * several known ones hashes each known token once at start-up and the presented one once per request,
 * then compares digests with `digestsEqual`.
 */
export function secretDigest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Two digests of `secretDigest`, compared in constant time. */
export function digestsEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
