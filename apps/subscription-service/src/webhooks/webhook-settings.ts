import type { EndpointAuth, EndpointTls, RetryPolicy, SignatureScheme } from '@hookline/contracts';
import type { SecretBox } from '@hookline/security';
import { assertNever } from '@hookline/platform';
import { DEFAULT_HMAC_SIGNATURE_HEADER } from './webhook-defaults';
import type { TlsInput } from './validate-endpoint-tls';
import type { AuthInput, SignatureSchemeInput } from './webhook-input';
import type { Webhook } from './webhook.entity';

/** Seals the credentials with the webhook id as AAD, so they cannot be replayed onto another webhook. */
export function sealEndpointAuth(auth: AuthInput, webhookId: string, secretBox: SecretBox): EndpointAuth {
  switch (auth.type) {
    case 'none':
      return { type: 'none' };
    case 'basic':
      return {
        type: 'basic',
        username: auth.username,
        encryptedPassword: secretBox.encrypt(auth.password, webhookId),
      };
    case 'bearer':
      return { type: 'bearer', encryptedToken: secretBox.encrypt(auth.token, webhookId) };
    case 'oauth2':
      return {
        type: 'oauth2',
        tokenUrl: auth.tokenUrl,
        clientId: auth.clientId,
        encryptedClientSecret: secretBox.encrypt(auth.clientSecret, webhookId),
        scope: auth.scope ?? null,
        audience: auth.audience ?? null,
      };
    default:
      return assertNever(auth, 'auth type');
  }
}

/** Seals the client certificate's private key (AAD = webhook id); the certificates are public. */
export function sealEndpointTls(
  tls: TlsInput | null,
  webhookId: string,
  secretBox: SecretBox,
): EndpointTls | null {
  if (tls === null) {
    return null;
  }
  return {
    clientCertificate: tls.clientCertificate ?? null,
    encryptedPrivateKey: tls.privateKey ? secretBox.encrypt(tls.privateKey, webhookId) : null,
    caCertificates: tls.caCertificates ?? null,
  };
}

/** Seals each custom header value like a credential; names stay readable (they are not secrets). */
export function sealHeaders(
  headers: Readonly<Record<string, string>>,
  webhookId: string,
  secretBox: SecretBox,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, secretBox.encrypt(value, webhookId)]),
  );
}

/** The webhook's custom headers in clear: its sealed ones, or those stored before sealing. */
export function openHeaders(
  webhook: Pick<Webhook, 'id' | 'encryptedHeaders' | 'legacyHeaders'>,
  secretBox: SecretBox,
): Record<string, string> {
  const sealed = Object.entries(webhook.encryptedHeaders);
  if (sealed.length === 0) {
    return { ...webhook.legacyHeaders };
  }
  return Object.fromEntries(sealed.map(([name, value]) => [name, secretBox.decrypt(value, webhook.id)]));
}

/** Plain JSON with only the policy's own fields (the DTO instance may carry more). */
export function toRetryPolicy(policy: RetryPolicy): RetryPolicy {
  return policy.preset === 'custom'
    ? { preset: 'custom', delaysSeconds: [...(policy.delaysSeconds ?? [])] }
    : { preset: policy.preset };
}

/** The scheme with its default header filled in; header names are stored lower-case. */
export function toSignatureScheme(scheme: SignatureSchemeInput): SignatureScheme {
  switch (scheme.type) {
    case 'standard-webhooks':
      return { type: 'standard-webhooks' };
    case 'standard-webhooks-ed25519':
      return { type: 'standard-webhooks-ed25519' };
    case 'hmac-sha256-hex':
      return {
        type: 'hmac-sha256-hex',
        header: (scheme.header ?? DEFAULT_HMAC_SIGNATURE_HEADER).toLowerCase(),
      };
    default:
      return assertNever(scheme, 'signature scheme');
  }
}

/** A custom header must not take the place of the signature header. */
export function findSignatureHeaderConflicts(
  headerNames: readonly string[],
  scheme: SignatureScheme,
): string[] {
  if (scheme.type !== 'hmac-sha256-hex') {
    return [];
  }
  return headerNames
    .filter((name) => name.toLowerCase() === scheme.header)
    .map((name) => `headers "${name}" cannot be set: signatureScheme.header sends the signature in it`);
}
