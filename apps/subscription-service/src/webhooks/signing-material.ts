import type { SignatureScheme } from '@hookline/contracts';
import {
  SIGNING_KEY_PREFIX,
  generateSigningKeyPair,
  generateSigningSecret,
  isValidSigningKey,
  isValidSigningSecret,
  publicKeyOf,
} from '@hookline/security';

/** ed25519 signs with a `whsk_` key pair; the other schemes with a `whsec_` HMAC secret. */
export function isAsymmetric(scheme: SignatureScheme): boolean {
  return scheme.type === 'standard-webhooks-ed25519';
}

/** A new secret of the kind the scheme signs with, in plain text (to be sealed). */
export function newSigningSecret(scheme: SignatureScheme): string {
  return isAsymmetric(scheme) ? generateSigningKeyPair().secretKey : generateSigningSecret();
}

/** What the owner is shown of a secret: an HMAC secret itself, of a key pair only its `whpk_` public key. */
export function shownSigningSecret(secret: string): string {
  return secret.startsWith(SIGNING_KEY_PREFIX) ? publicKeyOf(secret) : secret;
}

/** Why a caller-chosen key cannot sign for the scheme, or null. */
export function signingKeyProblem(scheme: SignatureScheme, key: string): string | null {
  if (isAsymmetric(scheme)) {
    return isValidSigningKey(key)
      ? null
      : 'key must be a whsk_ ed25519 secret key (base64 of 64 bytes) for signatureScheme standard-webhooks-ed25519';
  }
  return isValidSigningSecret(key) ? null : `key must be a whsec_ secret for signatureScheme ${scheme.type}`;
}
