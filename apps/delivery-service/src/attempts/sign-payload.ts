import { createHmac, sign } from 'node:crypto';
import { parseSigningKey, parseSigningSecret } from '@hookline/security';

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
    .map((secret) => `v1a,${sign(null, signed, parseSigningKey(secret)).toString('base64')}`)
    .join(' ');
}

/** Compatibility scheme `hmac-sha256-hex`: hex HMAC of the raw body keyed by the secret string itself, as such receivers verify it. */
export function signBodyHex(body: Buffer, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}
