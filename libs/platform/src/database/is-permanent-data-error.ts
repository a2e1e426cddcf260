/**
 * SQLSTATE classes Postgres answers for the data itself, so every retry of the same rows meets
 * them again: 21 cardinality violation (one statement upserting a row twice: split apart, the
 * rows go in), 22 data exception (a value out of range, an unstorable character, a bad date),
 * 23 integrity constraint violation, 54 program limit exceeded (a row or value too large).
 * Connection loss, shutdown, deadlocks and serialization failures are other classes: retried.
 */
const PERMANENT_CLASSES = new Set(['21', '22', '23', '54']);

/**
 * True when an error of a consumer's handler came from what it was handed: a Postgres data error
 * (TypeORM's `QueryFailedError` carries the driver's `code`) or a `RangeError` (an instant that
 * does not exist). A consumer splits its batch on these to park the culprit; on anything else it
 * reads the batch again.
 */
export function isPermanentDataError(error: unknown): boolean {
  if (error instanceof RangeError) {
    return true;
  }
  if (typeof error !== 'object' || error === null) {
    return false;
  }
  const { code, driverError } = error as { code?: unknown; driverError?: { code?: unknown } };
  const sqlState = typeof code === 'string' ? code : driverError?.code;
  return typeof sqlState === 'string' && sqlState.length === 5 && PERMANENT_CLASSES.has(sqlState.slice(0, 2));
}
