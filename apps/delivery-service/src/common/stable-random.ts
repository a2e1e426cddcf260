import { createHash } from 'node:crypto';

/**
 * A number in [0, 1) derived from `parts`: the same delivery and attempt always draw the same
 * jitter, so a batch replayed after a crash schedules its retries exactly as the first time.
 */
export function stableRandom(...parts: ReadonlyArray<string | number>): number {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}
