/**
 * The latest instant any query parameter or cursor may name. Later ones overflow when rounded up to a
 * bucket (year 10000) or have no four-digit year Postgres parses, so they are refused up front.
 */
export const LATEST_TIMESTAMP = new Date('9999-12-31T00:00:00.000Z');

export function isWithinTimestampRange(ms: number): boolean {
  return Number.isFinite(ms) && ms <= LATEST_TIMESTAMP.getTime();
}
