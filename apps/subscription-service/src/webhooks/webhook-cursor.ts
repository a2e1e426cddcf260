// Crockford base32 ULID after the prefix; anything else cannot have come from us.
const WEBHOOK_ID = /^wh_[0-9A-HJKMNP-TV-Z]{26}$/;

/** Opaque cursor of the webhook list: the page continues after (older than) this webhook id. */
export function encodeWebhookCursor(lastId: string): string {
  return Buffer.from(JSON.stringify({ before: lastId }), 'utf8').toString('base64url');
}

/** The webhook id a cursor continues after, or null when the cursor is not one of ours. */
export function decodeWebhookCursor(cursor: string): string | null {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof decoded !== 'object' || decoded === null || !('before' in decoded)) {
    return null;
  }
  const { before } = decoded;
  return typeof before === 'string' && WEBHOOK_ID.test(before) ? before : null;
}
