import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { InvalidSigningSecretError } from './signing-secret';
import { accepts } from './accepts';
import { decodeBase64Strict } from './strict-base64';

/**
 * Asymmetric Standard Webhooks keys (signature version `v1a`, ed25519). The secret key is
 * `whsk_` + base64 of the 64-byte ed25519 secret key as libsodium lays it out (32-byte seed, then
 * the 32-byte public key), which Standard Webhooks libraries read; the public key is `whpk_` +
 * base64 of its 32 bytes. Only the public key ever leaves Hookline.
 */
export const SIGNING_KEY_PREFIX = 'whsk_';
export const PUBLIC_KEY_PREFIX = 'whpk_';
const SEED_BYTES = 32;
const PUBLIC_BYTES = 32;

export interface SigningKeyPair {
  secretKey: string;
  publicKey: string;
}

export function generateSigningKeyPair(): SigningKeyPair {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  const seed = Buffer.from(String(jwk.d), 'base64url');
  const publicBytes = Buffer.from(String(jwk.x), 'base64url');
  return {
    secretKey: `${SIGNING_KEY_PREFIX}${Buffer.concat([seed, publicBytes]).toString('base64')}`,
    publicKey: `${PUBLIC_KEY_PREFIX}${publicBytes.toString('base64')}`,
  };
}

/** The private key of a `whsk_` secret key; throws `InvalidSigningSecretError` saying what is wrong. */
export function parseSigningKey(secretKey: string): KeyObject {
  if (!secretKey.startsWith(SIGNING_KEY_PREFIX)) {
    throw new InvalidSigningSecretError(`signing key must start with "${SIGNING_KEY_PREFIX}"`);
  }
  const bytes = decodeBase64Strict(secretKey.slice(SIGNING_KEY_PREFIX.length));
  if (bytes === null || bytes.length !== SEED_BYTES + PUBLIC_BYTES) {
    throw new InvalidSigningSecretError(
      `signing key must be "${SIGNING_KEY_PREFIX}" followed by the base64 of a 64-byte ed25519 secret key`,
    );
  }
  const seed = bytes.subarray(0, SEED_BYTES);
  const publicBytes = bytes.subarray(SEED_BYTES);
  let key: KeyObject;
  try {
    key = createPrivateKey({
      key: {
        kty: 'OKP',
        crv: 'Ed25519',
        d: seed.toString('base64url'),
        x: publicBytes.toString('base64url'),
      },
      format: 'jwk',
    });
  } catch {
    throw new InvalidSigningSecretError('signing key is not an ed25519 secret key');
  }
  // The public half is stored beside the seed; a key whose halves disagree would sign unverifiably.
  const derived = Buffer.from(String(createPublicKey(key).export({ format: 'jwk' }).x), 'base64url');
  if (!derived.equals(publicBytes)) {
    throw new InvalidSigningSecretError('signing key holds a public key that is not its own');
  }
  return key;
}

/** The `whpk_` public key of a `whsk_` secret key. */
export function publicKeyOf(secretKey: string): string {
  return `${PUBLIC_KEY_PREFIX}${decodeBase64Strict(secretKey.slice(SIGNING_KEY_PREFIX.length))
    ?.subarray(SEED_BYTES)
    .toString('base64')}`;
}

/** The verifying key of a `whpk_` public key, as a receiver builds it. */
export function parsePublicKey(publicKey: string): KeyObject {
  const bytes = publicKey.startsWith(PUBLIC_KEY_PREFIX)
    ? decodeBase64Strict(publicKey.slice(PUBLIC_KEY_PREFIX.length))
    : null;
  if (bytes === null || bytes.length !== PUBLIC_BYTES) {
    throw new InvalidSigningSecretError(
      `public key must be "${PUBLIC_KEY_PREFIX}" followed by the base64 of 32 bytes`,
    );
  }
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: bytes.toString('base64url') },
    format: 'jwk',
  });
}

export function isValidSigningKey(secretKey: string): boolean {
  return accepts(parseSigningKey, secretKey);
}
