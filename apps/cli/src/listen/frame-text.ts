import type { RawData } from 'ws';

/** A WebSocket message as text: a Buffer, fragments of one, or an ArrayBuffer. */
export function frameText(data: RawData): string {
  if (Array.isArray(data)) {
    return Buffer.concat(data).toString('utf8');
  }
  return Buffer.from(data).toString('utf8');
}
