import { randomBytes } from 'node:crypto';
import { SecretBoxError, SecretBoxErrorCode } from './secret-box.error';
import { decodeBase64Strict } from './strict-base64';

export const SECRETS_ENCRYPTION_KEYS = 'SECRETS_ENCRYPTION_KEYS';
export const ENCRYPTION_KEY_BYTES = 32;

export interface KeyringEntry {
  id: string;
  key: Buffer;
}

// Ids end up inside sealed values, which use "." as separator; ":" and "," delimit the env var.
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const KEY_HINT = `generate one with: openssl rand -base64 ${ENCRYPTION_KEY_BYTES}`;

/**
 * Parses `<keyId>:<base64 key>,<keyId>:<base64 key>…`; the first entry is the primary.
 * Errors name the variable and the entry but never echo key material.
 */
export function parseKeyring(
  value: string | undefined,
  variableName = SECRETS_ENCRYPTION_KEYS,
): KeyringEntry[] {
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const keyring = entries.map((entry, index) => {
    const separatorAt = entry.indexOf(':');
    if (separatorAt <= 0) {
      throw invalidKeyring(`${variableName}: entry ${index + 1} is not "<keyId>:<base64 key>"`);
    }
    const id = entry.slice(0, separatorAt);
    assertValidKeyId(id, variableName);
    const key = decodeBase64Strict(entry.slice(separatorAt + 1).trim());
    if (key === null) {
      throw invalidKeyring(`${variableName}: key "${id}" is not valid base64; ${KEY_HINT}`);
    }
    return { id, key };
  });
  assertValidKeyring(keyring, variableName);
  return keyring;
}

/** Checks ids, key lengths and uniqueness; `source` names where the keyring came from. */
export function assertValidKeyring(keyring: readonly KeyringEntry[], source = SECRETS_ENCRYPTION_KEYS): void {
  if (keyring.length === 0) {
    throw invalidKeyring(`${source} is empty; set it to "<keyId>:<base64 key>" (${KEY_HINT})`);
  }
  const seen = new Set<string>();
  for (const { id, key } of keyring) {
    assertValidKeyId(id, source);
    if (key.length !== ENCRYPTION_KEY_BYTES) {
      throw invalidKeyring(
        `${source}: key "${id}" must be base64 of exactly ${ENCRYPTION_KEY_BYTES} bytes (got ${key.length}); ${KEY_HINT}`,
      );
    }
    if (seen.has(id)) {
      throw invalidKeyring(`${source}: key id "${id}" appears more than once`);
    }
    seen.add(id);
  }
}

/** A fresh `<id>:<base64 key>` entry to paste into SECRETS_ENCRYPTION_KEYS (docs, dev setup). */
export function generateKeyringEntry(id: string): string {
  assertValidKeyId(id, 'generateKeyringEntry');
  return `${id}:${randomBytes(ENCRYPTION_KEY_BYTES).toString('base64')}`;
}

export function isValidKeyId(id: string): boolean {
  return KEY_ID.test(id);
}

function assertValidKeyId(id: string, source: string): void {
  if (!isValidKeyId(id)) {
    throw invalidKeyring(`${source}: key id "${id}" must be 1-32 letters, digits, "_" or "-"`);
  }
}

function invalidKeyring(message: string): SecretBoxError {
  return new SecretBoxError(SecretBoxErrorCode.InvalidKeyring, message);
}
