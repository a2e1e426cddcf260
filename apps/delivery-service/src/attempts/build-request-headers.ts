import { PREVIOUS_SIGNATURES_HEADER_SUFFIX, WebhookHeaders, type SignatureScheme } from '@hookline/contracts';
import { assertNever } from '@hookline/platform';
import { signBodyHex, signStandardWebhook, signStandardWebhookEd25519 } from './sign-payload';

export interface RequestHeadersInput {
  eventId: string;
  /** This request's id in the delivery log. */
  attemptId: string;
  timestampSeconds: number;
  body: Buffer;
  userAgent: string;
  signatureScheme: SignatureScheme;
  /** Plaintext secrets usable now, current first: `whsec_`, or `whsk_` keys for ed25519. */
  signingSecrets: readonly string[];
  /** Full `authorization` value (`Basic …` / `Bearer …`), or null. */
  authorization: string | null;
  customHeaders: Readonly<Record<string, string>>;
}

// A custom header may not impersonate the protocol or break the HTTP framing.
const RESERVED_HEADERS = new Set([
  'authorization',
  'connection',
  'content-length',
  'content-type',
  'expect',
  'host',
  'keep-alive',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  WebhookHeaders.id,
  WebhookHeaders.timestamp,
  WebhookHeaders.signature,
  WebhookHeaders.attemptId,
]);

/** Headers of one attempt: endpoint's custom headers, then auth, then the signed Standard Webhooks set. */
export function buildRequestHeaders(input: RequestHeadersInput): Record<string, string> {
  const [currentSecret] = input.signingSecrets;
  if (currentSecret === undefined) {
    throw new Error('no signing secret is usable (none current, none within its grace period)');
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.customHeaders)) {
    const lower = name.toLowerCase();
    if (!RESERVED_HEADERS.has(lower)) {
      headers[lower] = value;
    }
  }
  if (input.authorization !== null) {
    headers.authorization = input.authorization;
  }
  headers[WebhookHeaders.contentType] = 'application/json';
  headers[WebhookHeaders.userAgent] = input.userAgent;
  headers[WebhookHeaders.id] = input.eventId;
  headers[WebhookHeaders.attemptId] = input.attemptId;
  headers[WebhookHeaders.timestamp] = String(input.timestampSeconds);
  const scheme = input.signatureScheme;
  switch (scheme.type) {
    case 'standard-webhooks':
    case 'standard-webhooks-ed25519': {
      // The two schemes sign the same content, with an HMAC secret or an ed25519 key.
      const sign = scheme.type === 'standard-webhooks' ? signStandardWebhook : signStandardWebhookEd25519;
      headers[WebhookHeaders.signature] = sign({
        messageId: input.eventId,
        timestampSeconds: input.timestampSeconds,
        body: input.body,
        secrets: input.signingSecrets,
      });
      break;
    }
    case 'hmac-sha256-hex': {
      const header = scheme.header.toLowerCase();
      const previous = input.signingSecrets.slice(1);
      headers[header] = signBodyHex(input.body, currentSecret);
      // A receiver still holding a rotated-out secret verifies against this one until its grace ends.
      if (previous.length > 0) {
        headers[`${header}${PREVIOUS_SIGNATURES_HEADER_SUFFIX}`] = previous
          .map((secret) => signBodyHex(input.body, secret))
          .join(', ');
      } else {
        delete headers[`${header}${PREVIOUS_SIGNATURES_HEADER_SUFFIX}`];
      }
      break;
    }
    default:
      assertNever(scheme, 'signature scheme');
  }
  return headers;
}

export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

export function bearerAuthorization(token: string): string {
  return `Bearer ${token}`;
}
