import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { OAuth2ClientCredentialsAuth, WebhookState } from '@hookline/contracts';
import { SecretBox, parseSigningKey, parseSigningSecret } from '@hookline/security';
import type { OAuth2Client } from '../oauth2/oauth2-client';
import { BoundedCache } from './bounded-cache';
import { basicAuthorization, bearerAuthorization } from './build-request-headers';

export interface OpenedSecret {
  secret: string;
  /** Epoch ms after which a rotated-out secret is no longer signed with; null for the current one. */
  expiresAt: number | null;
}

/** A webhook's credentials in plaintext, for one state version. */
export interface WebhookCredentials {
  secrets: OpenedSecret[];
  /** A fixed `authorization` value (basic, bearer); null for none and for oauth2. */
  authorization: string | null;
  /** The OAuth2 client whose access token authorizes each request; null unless auth is oauth2. */
  oauth2: OAuth2Client | null;
  /** Custom request headers in clear. */
  headers: Record<string, string>;
  /** The endpoint's TLS material with the client key opened; null for plain TLS. */
  tls: EndpointTlsMaterial | null;
}

/** PEM texts for the TLS client; `key` is set exactly when `cert` is. */
export interface EndpointTlsMaterial {
  cert: string | null;
  key: string | null;
  ca: string | null;
}

const CACHE_CAPACITY = 1_000;

/**
 * Opens a webhook's secrets, auth and custom header values (AAD = webhook id). Decrypting on every attempt is wasted work,
 * so opened credentials are kept per (webhook id, version) in a small LRU; a new version never hits an old entry.
 */
@Injectable()
export class WebhookCredentialsService {
  private readonly cache = new BoundedCache<string, WebhookCredentials>(CACHE_CAPACITY);

  constructor(private readonly box: SecretBox) {}

  /** Throws `SecretBoxError` or `InvalidSigningSecretError` when a credential cannot be opened. */
  open(webhook: WebhookState): WebhookCredentials {
    const cacheKey = `${webhook.id}@${webhook.version}`;
    const cached = this.cache.get(cacheKey);
    if (cached) {
      return cached;
    }
    // An ed25519 webhook signs with `whsk_` key pairs, the others with `whsec_` secrets.
    const parseSecret =
      webhook.signatureScheme.type === 'standard-webhooks-ed25519' ? parseSigningKey : parseSigningSecret;
    const credentials: WebhookCredentials = {
      secrets: webhook.secrets.map((ref) => {
        const secret = this.box.decrypt(ref.encrypted, webhook.id);
        parseSecret(secret);
        return { secret, expiresAt: ref.expiresAt === null ? null : Date.parse(ref.expiresAt) };
      }),
      authorization: this.openAuthorization(webhook),
      oauth2: webhook.auth.type === 'oauth2' ? this.openOAuth2Client(webhook.auth, webhook.id) : null,
      headers: this.openHeaders(webhook),
      tls: this.openTls(webhook),
    };
    this.cache.set(cacheKey, credentials);
    return credentials;
  }

  private openOAuth2Client(auth: OAuth2ClientCredentialsAuth, webhookId: string): OAuth2Client {
    const { tokenUrl, clientId, scope, audience } = auth;
    // The sealed secret changes with the secret (a fresh nonce each time), so it keys the client too.
    const credentialKey = createHash('sha256')
      .update(JSON.stringify([tokenUrl, clientId, auth.encryptedClientSecret, scope, audience]))
      .digest('base64url');
    return {
      credentialKey,
      tokenUrl,
      clientId,
      clientSecret: this.box.decrypt(auth.encryptedClientSecret, webhookId),
      scope,
      audience,
    };
  }

  private openHeaders(webhook: WebhookState): Record<string, string> {
    const sealed = Object.entries(webhook.encryptedHeaders);
    // A state from before header values were sealed carries them in clear.
    if (sealed.length === 0) {
      return { ...(webhook.headers ?? {}) };
    }
    return Object.fromEntries(sealed.map(([name, value]) => [name, this.box.decrypt(value, webhook.id)]));
  }

  private openTls({ id, tls }: WebhookState): EndpointTlsMaterial | null {
    if (tls === null) {
      return null;
    }
    return {
      cert: tls.clientCertificate,
      key: tls.encryptedPrivateKey === null ? null : this.box.decrypt(tls.encryptedPrivateKey, id),
      ca: tls.caCertificates,
    };
  }

  private openAuthorization(webhook: WebhookState): string | null {
    const { auth } = webhook;
    switch (auth.type) {
      case 'none':
      case 'oauth2':
        return null;
      case 'basic':
        return basicAuthorization(auth.username, this.box.decrypt(auth.encryptedPassword, webhook.id));
      case 'bearer':
        return bearerAuthorization(this.box.decrypt(auth.encryptedToken, webhook.id));
    }
  }
}

/** Secrets to sign with at `now`: the current one first, then rotated-out ones still in their grace period. */
export function usableSecrets(secrets: readonly OpenedSecret[], now: Date): string[] {
  const current = secrets.filter((entry) => entry.expiresAt === null);
  const graced = secrets
    .filter(
      (entry): entry is OpenedSecret & { expiresAt: number } =>
        entry.expiresAt !== null && entry.expiresAt > now.getTime(),
    )
    .sort((a, b) => b.expiresAt - a.expiresAt);
  return [...current, ...graced].map((entry) => entry.secret);
}
