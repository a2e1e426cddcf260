import { randomBytes } from 'node:crypto';
import { accepts } from './accepts';
import { decodeBase64Strict } from './strict-base64';

export const SIGNING_SECRET_PREFIX = 'whsec_';
export const MIN_SIGNING_SECRET_BYTES = 24;
export const MAX_SIGNING_SECRET_BYTES = 64;

export class InvalidSigningSecretError extends Error {
  readonly code = 'INVALID_SIGNING_SECRET';

  constructor(message: string) {
    super(message);
    this.name = 'InvalidSigningSecretError';
  }
}

/** A Standard Webhooks secret, `whsec_<base64>`, so any Standard Webhooks library can verify Hookline's signatures. */
export function generateSigningSecret(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < MIN_SIGNING_SECRET_BYTES || bytes > MAX_SIGNING_SECRET_BYTES) {
    throw new RangeError(
      `signing secret length must be an integer from ${MIN_SIGNING_SECRET_BYTES} to ${MAX_SIGNING_SECRET_BYTES} bytes (got ${bytes})`,
    );
  }
  return `${SIGNING_SECRET_PREFIX}${randomBytes(bytes).toString('base64')}`;
}

/** The HMAC key bytes of a `whsec_` secret; throws `InvalidSigningSecretError` saying what is wrong. */
export function parseSigningSecret(secret: string): Buffer {
  if (!secret.startsWith(SIGNING_SECRET_PREFIX)) {
    throw new InvalidSigningSecretError(`signing secret must start with "${SIGNING_SECRET_PREFIX}"`);
  }
  const key = decodeBase64Strict(secret.slice(SIGNING_SECRET_PREFIX.length));
  if (key === null) {
    throw new InvalidSigningSecretError(
      `signing secret must be "${SIGNING_SECRET_PREFIX}" followed by base64`,
    );
  }
  if (key.length < MIN_SIGNING_SECRET_BYTES || key.length > MAX_SIGNING_SECRET_BYTES) {
    throw new InvalidSigningSecretError(
      `signing secret must encode ${MIN_SIGNING_SECRET_BYTES} to ${MAX_SIGNING_SECRET_BYTES} bytes (got ${key.length})`,
    );
  }
  return key;
}

export function isValidSigningSecret(secret: string): boolean {
  return accepts(parseSigningSecret, secret);
}
