import { createHmac, sign, type KeyObject } from 'node:crypto';
import { parseSigningKey, parseSigningSecret } from '@hookline/security';
import { BoundedCache } from './bounded-cache';

export interface StandardSignatureInput {
  /** `webhook-id`: the event id. */
  messageId: string;
  /** `webhook-timestamp`: unix seconds of this attempt. */
  timestampSeconds: number;
  body: Buffer;
  /** `whsec_` secrets, current first; one signature each. */
  secrets: readonly string[];
}

/** `webhook-signature` per Standard Webhooks: `v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`, space-separated. */
export function signStandardWebhook({
  messageId,
  timestampSeconds,
  body,
  secrets,
}: StandardSignatureInput): string {
  return secrets
    .map((secret) => {
      const digest = createHmac('sha256', parseSigningSecret(secret))
        .update(`${messageId}.${timestampSeconds}.`, 'utf8')
        .update(body)
        .digest('base64');
      return `v1,${digest}`;
    })
    .join(' ');
}

/** Secret keys in use at once are few; each stays a parsed key between attempts. */
const PARSED_KEY_CAPACITY = 1_000;
const parsedKeys = new BoundedCache<string, KeyObject>(PARSED_KEY_CAPACITY);

/**
 * A `whsk_` key as a private key object. Parsing (two key constructions and a public-key check)
 * costs more than the signature itself, so it is done once per key; a key that does not parse
 * throws every time and is never kept.
 */
function privateKeyOf(secretKey: string): KeyObject {
  let key = parsedKeys.get(secretKey);
  if (key === undefined) {
    key = parseSigningKey(secretKey);
    parsedKeys.set(secretKey, key);
  }
  return key;
}

/**
 * `webhook-signature` of scheme `standard-webhooks-ed25519`: `v1a,<base64 ed25519 signature of
 * "{id}.{timestamp}.{body}">` with each `whsk_` secret key, space-separated.
 */
export function signStandardWebhookEd25519({
  messageId,
  timestampSeconds,
  body,
  secrets,
}: StandardSignatureInput): string {
  const signed = Buffer.concat([Buffer.from(`${messageId}.${timestampSeconds}.`, 'utf8'), body]);
  return secrets
    .map((secret) => `v1a,${sign(null, signed, privateKeyOf(secret)).toString('base64')}`)
    .join(' ');
}

/** Compatibility scheme `hmac-sha256-hex`: hex HMAC of the raw body keyed by the secret string itself, as such receivers verify it. */
export function signBodyHex(body: Buffer, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}
