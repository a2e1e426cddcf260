import type { HeaderMap } from './codec';

/**
 * A produce request's size that Kafka's default `message.max.bytes` (1 MB) accepts: the cap services
 * give `maxBytesPerRequest` so coalesced requests stay deliverable to a broker left at its defaults.
 */
export const DEFAULT_MAX_PRODUCE_REQUEST_BYTES = 1_000_000;

/** A message's key, value (once encoded to a Buffer) and headers in bytes; Kafka's framing is not counted. */
export function encodedSize(message: { key: string | null; value: unknown; headers?: HeaderMap }): number {
  let size = message.key === null ? 0 : Buffer.byteLength(message.key);
  if (Buffer.isBuffer(message.value)) {
    size += message.value.length;
  }
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    size += Buffer.byteLength(name) + Buffer.byteLength(value);
  }
  return size;
}

/**
 * Splits items, in order, into runs of at most `maxBytes` bytes (an item larger than `maxBytes`
 * travels alone), so that each run fits in one produce request.
 */
export function chunkBySize<T>(items: readonly T[], sizeOf: (item: T) => number, maxBytes: number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (current.length > 0 && bytes + size > maxBytes) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) {
    chunks.push(current);
  }
  return chunks;
}
