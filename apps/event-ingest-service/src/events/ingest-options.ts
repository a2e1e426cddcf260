export const INGEST_OPTIONS = Symbol('INGEST_OPTIONS');

export interface IngestOptions {
  maxBatchSize: number;
  idempotencyTtlHours: number;
}
