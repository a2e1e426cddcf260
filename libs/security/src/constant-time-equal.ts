import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares secrets (admin token, service tokens) without leaking, through timing,
 * where they differ or how long the expected one is: both sides are hashed to 32 bytes first.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
