import { createCipheriv, createDecipheriv, createSecretKey, KeyObject, randomBytes } from 'node:crypto';
import { SecretBoxError, SecretBoxErrorCode } from './secret-box.error';
import {
  assertValidKeyring,
  isValidKeyId,
  KeyringEntry,
  parseKeyring,
  SECRETS_ENCRYPTION_KEYS,
} from './secret-keyring';
import { decodeBase64UrlStrict } from './strict-base64';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

interface SealedParts {
  keyId: string;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

/**
 * AES-256-GCM encryption at rest with key ids, so keys rotate without a flag day:
 * the first keyring entry seals, every entry opens.
 * Sealed form: `v1.<keyId>.<iv b64url>.<tag b64url>.<ciphertext b64url>`.
 */
export class SecretBox {
  readonly primaryKeyId: string;
  // KeyObjects in a private field keep key bytes out of logs, JSON and inspect output.
  readonly #keys: ReadonlyMap<string, KeyObject>;
  readonly #primaryKey: KeyObject;

  constructor(keyring: readonly KeyringEntry[]) {
    assertValidKeyring(keyring, 'SecretBox keyring');
    this.primaryKeyId = keyring[0].id;
    this.#keys = new Map(keyring.map(({ id, key }) => [id, createSecretKey(Buffer.from(key))]));
    this.#primaryKey = createSecretKey(Buffer.from(keyring[0].key));
  }

  /** Builds a box from `SECRETS_ENCRYPTION_KEYS`; throws a `SecretBoxError` naming the variable. */
  static fromEnv(value: string | undefined, variableName = SECRETS_ENCRYPTION_KEYS): SecretBox {
    return new SecretBox(parseKeyring(value, variableName));
  }

  /** True for values in the sealed format, e.g. to find rows a migration hasn't encrypted yet. */
  static isSealed(value: string): boolean {
    return parseSealed(value) !== null;
  }

  get keyIds(): string[] {
    return [...this.#keys.keys()];
  }

  /** `aad` (e.g. the webhook id) must be given again to decrypt, so a value can't be moved to another row. */
  encrypt(plaintext: string, aad?: string): string {
    const keyId = this.primaryKeyId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.#primaryKey, iv, {
      authTagLength: TAG_BYTES,
    });
    cipher.setAAD(associatedData(keyId, aad));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [
      VERSION,
      keyId,
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      ciphertext.toString('base64url'),
    ].join('.');
  }

  decrypt(sealed: string, aad?: string): string {
    const { keyId, iv, tag, ciphertext } = requireSealed(sealed);
    const key = this.#keys.get(keyId);
    if (key === undefined) {
      throw new SecretBoxError(
        SecretBoxErrorCode.UnknownKey,
        `cannot decrypt: key "${keyId}" is not in the keyring; keep retired keys in ${SECRETS_ENCRYPTION_KEYS} until every value is re-encrypted`,
      );
    }
    const decipher = createDecipheriv(ALGORITHM, key, iv, {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(associatedData(keyId, aad));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError(
        SecretBoxErrorCode.DecryptionFailed,
        'cannot decrypt: the value was modified, or it was sealed for a different record (aad)',
      );
    }
  }

  /** True when `sealed` was not sealed with the primary key, i.e. a rotation job should rewrite it. */
  needsReencryption(sealed: string): boolean {
    return requireSealed(sealed).keyId !== this.primaryKeyId;
  }

  /** Opens with whichever key sealed it and seals again with the primary key. */
  reencrypt(sealed: string, aad?: string): string {
    return this.encrypt(this.decrypt(sealed, aad), aad);
  }
}

// Binding version and key id means no part of the envelope can be swapped undetected.
function associatedData(keyId: string, aad: string | undefined): Buffer {
  return Buffer.from(`${VERSION}.${keyId}.${aad ?? ''}`, 'utf8');
}

function requireSealed(value: string): SealedParts {
  const parts = parseSealed(value);
  if (parts === null) {
    throw new SecretBoxError(
      SecretBoxErrorCode.MalformedSecret,
      `cannot decrypt: value is not a sealed secret (expected ${VERSION}.<keyId>.<iv>.<tag>.<ciphertext>)`,
    );
  }
  return parts;
}

function parseSealed(value: string): SealedParts | null {
  const [version, keyId, ivText, tagText, ciphertextText, ...extra] = value.split('.');
  if (
    version !== VERSION ||
    extra.length > 0 ||
    keyId === undefined ||
    !isValidKeyId(keyId) ||
    ciphertextText === undefined
  ) {
    return null;
  }
  const iv = decodeBase64UrlStrict(ivText);
  const tag = decodeBase64UrlStrict(tagText);
  const ciphertext = decodeBase64UrlStrict(ciphertextText);
  if (
    iv === null ||
    iv.length !== IV_BYTES ||
    tag === null ||
    tag.length !== TAG_BYTES ||
    ciphertext === null
  ) {
    return null;
  }
  return { keyId, iv, tag, ciphertext };
}
