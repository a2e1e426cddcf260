import { isWithinTimestampRange } from '../common/timestamp-range';

/** Position after the last delivery of a page, in the list's order (created_at desc, id desc). */
export interface DeliveryCursor {
  createdAt: Date;
  id: string;
}

interface CursorPayload {
  t: string;
  i: string;
}

export function encodeDeliveryCursor(cursor: DeliveryCursor): string {
  const payload: CursorPayload = { t: cursor.createdAt.toISOString(), i: cursor.id };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/** Null for anything this API did not hand out. */
export function decodeDeliveryCursor(value: string): DeliveryCursor | null {
  if (!/^[A-Za-z0-9_-]{1,512}$/.test(value)) {
    return null;
  }
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!isCursorPayload(payload)) {
    return null;
  }
  const createdAt = new Date(payload.t);
  if (!isWithinTimestampRange(createdAt.getTime()) || createdAt.toISOString() !== payload.t) {
    return null;
  }
  return { createdAt, id: payload.i };
}

function isCursorPayload(value: unknown): value is CursorPayload {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const { t, i } = value as Record<string, unknown>;
  return typeof t === 'string' && typeof i === 'string' && i.length > 0;
}
