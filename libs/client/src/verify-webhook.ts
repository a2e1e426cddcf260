import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header values as Node's `IncomingHttpHeaders`, a fetch `Headers`, or a plain record. */
export type WebhookHeadersInput = Headers | Record<string, string | string[] | undefined>;

export interface VerifyWebhookInput {
  /** The webhook's signing secret (`whsec_…`); during a rotation, pass both. */
  secret: string | readonly string[];
  headers: WebhookHeadersInput;
  /** The raw body exactly as received: verify before parsing, never a re-serialised object. */
  body: string | Buffer;
  /** How far `webhook-timestamp` may be from now; Standard Webhooks suggests five minutes. */
  toleranceSeconds?: number;
  now?: Date;
}

export type WebhookVerificationFailure =
  'missing_header' | 'invalid_secret' | 'timestamp_outside_tolerance' | 'signature_mismatch' | 'invalid_body';

export interface DeliveredWebhook {
  id: string;
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

export type WebhookVerification =
  | { ok: true; webhookId: string; timestamp: number; payload: DeliveredWebhook }
  | { ok: false; reason: WebhookVerificationFailure; message: string };

const SECRET_PATTERN = /^whsec_([A-Za-z0-9+/]+={0,2})$/;

/**
 * Checks a delivery as Standard Webhooks defines it: `webhook-signature` holds `v1,<base64 HMAC-SHA256>`
 * of `{webhook-id}.{webhook-timestamp}.{body}` with one of the secrets, and the timestamp is recent.
 * The payload is parsed only once the signature holds.
 */
export function verifyWebhook(input: VerifyWebhookInput): WebhookVerification {
  const tolerance = input.toleranceSeconds ?? 300;
  const now = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const id = header(input.headers, 'webhook-id');
  const timestampText = header(input.headers, 'webhook-timestamp');
  const signatures = header(input.headers, 'webhook-signature');
  const missing = [
    ['webhook-id', id],
    ['webhook-timestamp', timestampText],
    ['webhook-signature', signatures],
  ].filter(([, value]) => value === undefined || value === '');
  if (missing.length > 0) {
    return fail('missing_header', `missing header ${missing.map(([name]) => name).join(', ')}`);
  }
  const keys: Buffer[] = [];
  for (const secret of typeof input.secret === 'string' ? [input.secret] : input.secret) {
    const match = SECRET_PATTERN.exec(secret.trim());
    if (match === null) {
      return fail('invalid_secret', 'the secret must be whsec_ followed by base64');
    }
    keys.push(Buffer.from(match[1], 'base64'));
  }
  const timestamp = Number(timestampText);
  if (!Number.isSafeInteger(timestamp)) {
    return fail('timestamp_outside_tolerance', `webhook-timestamp "${timestampText}" is not unix seconds`);
  }
  if (Math.abs(now - timestamp) > tolerance) {
    const age = now - timestamp;
    const when = age > 0 ? `${age} s old` : `${-age} s in the future`;
    return fail(
      'timestamp_outside_tolerance',
      `timestamp outside tolerance: webhook-timestamp is ${when}, more than the ${tolerance} s allowed (a replayed or delayed request, or a clock out of sync)`,
    );
  }
  const body = typeof input.body === 'string' ? Buffer.from(input.body, 'utf8') : input.body;
  const offered = (signatures ?? '')
    .split(' ')
    .filter((entry) => entry.startsWith('v1,'))
    .map((entry) => Buffer.from(entry.slice(3), 'base64'));
  const matches = keys.some((key) => {
    const expected = createHmac('sha256', key).update(`${id}.${timestamp}.`, 'utf8').update(body).digest();
    return offered.some(
      (signature) => signature.length === expected.length && timingSafeEqual(signature, expected),
    );
  });
  if (!matches) {
    return fail(
      'signature_mismatch',
      'no signature matches: the secret is not the one this webhook signs with, or the body, webhook-id or webhook-timestamp changed after signing',
    );
  }
  const payload = parsePayload(body);
  if (payload === null) {
    return fail('invalid_body', 'the signed body is not a Standard Webhooks JSON payload');
  }
  return { ok: true, webhookId: id ?? '', timestamp, payload };
}

function header(headers: WebhookHeadersInput, name: string): string | undefined {
  if (typeof Headers !== 'undefined' && headers instanceof Headers) {
    return headers.get(name) ?? undefined;
  }
  const record = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? value.join(' ') : value;
}

function parsePayload(body: Buffer): DeliveredWebhook | null {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    if (typeof value !== 'object' || value === null) {
      return null;
    }
    const { id, type, timestamp, data } = value as Record<string, unknown>;
    if (typeof id !== 'string' || typeof type !== 'string' || typeof timestamp !== 'string') {
      return null;
    }
    if (typeof data !== 'object' || data === null) {
      return null;
    }
    return { id, type, timestamp, data: data as Record<string, unknown> };
  } catch {
    return null;
  }
}

function fail(reason: WebhookVerificationFailure, message: string): WebhookVerification {
  return { ok: false, reason, message };
}
