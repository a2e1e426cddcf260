import { inspect } from 'node:util';
import { SecretBox } from './secret-box';
import { SecretBoxError, SecretBoxErrorCode } from './secret-box.error';

const KEY_OLD = Buffer.alloc(32, 0x01);
const KEY_NEW = Buffer.alloc(32, 0x02);
const env = (...entries: Array<[string, Buffer]>): string =>
  entries.map(([id, key]) => `${id}:${key.toString('base64')}`).join(',');

const SEALED = /^v1\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]*)$/;

function errorOf(action: () => unknown): SecretBoxError {
  try {
    action();
  } catch (error: unknown) {
    if (error instanceof SecretBoxError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a SecretBoxError');
}

/** Flips one bit of the given base64url field (0 = version … 4 = ciphertext). */
function tamper(sealed: string, field: number): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[field], 'base64url');
  bytes[0] ^= 0x01;
  parts[field] = bytes.toString('base64url');
  return parts.join('.');
}

describe(SecretBox.name, () => {
  const box = SecretBox.fromEnv(env(['k1', KEY_OLD]));

  it('round-trips text, including empty and non-ASCII', () => {
    for (const plaintext of ['whsec_c2VjcmV0', '', 'pässwörd 🔐', 'x'.repeat(5000)]) {
      expect(box.decrypt(box.encrypt(plaintext))).toBe(plaintext);
    }
  });

  it('seals as v1.<keyId>.<iv>.<tag>.<ciphertext> with a 12-byte IV and 16-byte tag', () => {
    const sealed = box.encrypt('hello');
    const match = SEALED.exec(sealed);
    expect(match?.[1]).toBe('k1');
    expect(Buffer.from(match?.[2] ?? '', 'base64url')).toHaveLength(12);
    expect(Buffer.from(match?.[3] ?? '', 'base64url')).toHaveLength(16);
    expect(Buffer.from(match?.[4] ?? '', 'base64url')).toHaveLength(5);
  });

  it('uses a fresh IV each time', () => {
    expect(box.encrypt('same')).not.toBe(box.encrypt('same'));
  });

  it('decrypts a fixed vector (AAD is "v1.<keyId>.<aad>")', () => {
    // Sealed independently with node:crypto: key 32×0x01, IV 12×0x07, AAD "v1.k1.wh_1".
    const vector = 'v1.k1.BwcHBwcHBwcHBwcH.FTb5gZnmR0QBJJOZo0NxQA.-5aJ0GDc';
    expect(box.decrypt(vector, 'wh_1')).toBe('vector');
  });

  it.each([
    [2, 'iv'],
    [3, 'tag'],
    [4, 'ciphertext'],
  ])('detects tampering with the %s field (%s)', (field) => {
    const sealed = box.encrypt('secret value');
    const error = errorOf(() => box.decrypt(tamper(sealed, field)));
    expect(error.code).toBe(SecretBoxErrorCode.DecryptionFailed);
    expect(error.message).toBe(
      'cannot decrypt: the value was modified, or it was sealed for a different record (aad)',
    );
  });

  it('fails with a different key under the same id', () => {
    const sealed = box.encrypt('secret value');
    const other = SecretBox.fromEnv(env(['k1', KEY_NEW]));
    expect(errorOf(() => other.decrypt(sealed)).code).toBe(SecretBoxErrorCode.DecryptionFailed);
  });

  it('fails when the key id in the envelope is swapped for another known key', () => {
    const both = SecretBox.fromEnv(env(['k1', KEY_OLD], ['k2', KEY_OLD]));
    const sealed = both.encrypt('secret value');
    expect(both.decrypt(sealed)).toBe('secret value');
    expect(errorOf(() => both.decrypt(sealed.replace('v1.k1.', 'v1.k2.'))).code).toBe(
      SecretBoxErrorCode.DecryptionFailed,
    );
  });

  it('fails on an unknown key id, naming it', () => {
    const sealed = box.encrypt('secret value');
    const rotated = SecretBox.fromEnv(env(['k2', KEY_NEW]));
    const error = errorOf(() => rotated.decrypt(sealed));
    expect(error.code).toBe(SecretBoxErrorCode.UnknownKey);
    expect(error.message).toBe(
      'cannot decrypt: key "k1" is not in the keyring; keep retired keys in SECRETS_ENCRYPTION_KEYS until every value is re-encrypted',
    );
  });

  describe('aad', () => {
    it('binds the value to its context', () => {
      const sealed = box.encrypt('secret value', 'wh_1');
      expect(box.decrypt(sealed, 'wh_1')).toBe('secret value');
      expect(errorOf(() => box.decrypt(sealed, 'wh_2')).code).toBe(SecretBoxErrorCode.DecryptionFailed);
      expect(errorOf(() => box.decrypt(sealed)).code).toBe(SecretBoxErrorCode.DecryptionFailed);
    });

    it('refuses a value sealed without context when a context is given', () => {
      const sealed = box.encrypt('secret value');
      expect(errorOf(() => box.decrypt(sealed, 'wh_1')).code).toBe(SecretBoxErrorCode.DecryptionFailed);
    });
  });

  it.each([
    ['whsec_c2VjcmV0'],
    [''],
    ['v2.k1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AA'],
    ['v1.k1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA'],
    ['v1.k1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AA.AA'],
    ['v1.k1.AAAA.AAAAAAAAAAAAAAAAAAAAAA.AA'],
    ['v1.k1.AAAAAAAAAAAAAAAA.AAAA.AA'],
    ['v1.k1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.A+A'],
    ['v1.k!.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AA'],
  ])('refuses malformed value %p', (value) => {
    const error = errorOf(() => box.decrypt(value));
    expect(error.code).toBe(SecretBoxErrorCode.MalformedSecret);
    expect(error.message).toBe(
      'cannot decrypt: value is not a sealed secret (expected v1.<keyId>.<iv>.<tag>.<ciphertext>)',
    );
    expect(SecretBox.isSealed(value)).toBe(false);
  });

  describe('rotation', () => {
    const before = SecretBox.fromEnv(env(['k1', KEY_OLD]));
    const after = SecretBox.fromEnv(env(['k2', KEY_NEW], ['k1', KEY_OLD]));

    it('encrypts with the first key and decrypts with any', () => {
      const old = before.encrypt('secret value', 'wh_1');
      expect(after.decrypt(old, 'wh_1')).toBe('secret value');
      expect(after.encrypt('x').startsWith('v1.k2.')).toBe(true);
      expect(after.primaryKeyId).toBe('k2');
      expect(after.keyIds).toEqual(['k2', 'k1']);
    });

    it('reports and performs re-encryption', () => {
      const old = before.encrypt('secret value', 'wh_1');
      expect(after.needsReencryption(old)).toBe(true);
      const fresh = after.reencrypt(old, 'wh_1');
      expect(fresh.startsWith('v1.k2.')).toBe(true);
      expect(after.needsReencryption(fresh)).toBe(false);
      expect(after.decrypt(fresh, 'wh_1')).toBe('secret value');
      expect(SecretBox.isSealed(fresh)).toBe(true);
    });

    it('needsReencryption refuses malformed values', () => {
      expect(errorOf(() => after.needsReencryption('plain')).code).toBe(SecretBoxErrorCode.MalformedSecret);
    });
  });

  it('validates a keyring given directly', () => {
    expect(() => new SecretBox([])).toThrow('SecretBox keyring is empty');
    expect(() => new SecretBox([{ id: 'k1', key: Buffer.alloc(16) }])).toThrow(
      'SecretBox keyring: key "k1" must be base64 of exactly 32 bytes (got 16)',
    );
  });

  it('fromEnv errors name the variable', () => {
    expect(errorOf(() => SecretBox.fromEnv(undefined)).message).toMatch(/^SECRETS_ENCRYPTION_KEYS is empty/);
  });

  it('keeps key bytes out of logs', () => {
    const printed = `${inspect(box, { showHidden: true, depth: 5 })} ${JSON.stringify(box)}`;
    expect(printed).not.toContain(KEY_OLD.toString('base64'));
    expect(printed).not.toContain(KEY_OLD.toString('hex'));
  });

  it("is not affected by later changes to the caller's key buffer", () => {
    const key = Buffer.from(KEY_OLD);
    const own = new SecretBox([{ id: 'k1', key }]);
    const sealed = own.encrypt('secret value');
    key.fill(0);
    expect(own.decrypt(sealed)).toBe('secret value');
  });
});
