import { SecretBoxError, SecretBoxErrorCode } from './secret-box.error';
import { generateKeyringEntry, parseKeyring } from './secret-keyring';

const KEY_A = Buffer.alloc(32, 0xa1).toString('base64');
const KEY_B = Buffer.alloc(32, 0xb2).toString('base64');

describe('parseKeyring', () => {
  it('parses entries in order, first is primary', () => {
    const keyring = parseKeyring(`k2:${KEY_B}, k1:${KEY_A}`);
    expect(keyring.map((entry) => entry.id)).toEqual(['k2', 'k1']);
    expect(keyring[0].key).toEqual(Buffer.alloc(32, 0xb2));
    expect(keyring[1].key).toEqual(Buffer.alloc(32, 0xa1));
  });

  it('accepts unpadded base64 and a trailing comma', () => {
    const keyring = parseKeyring(`k1:${KEY_A.replace(/=+$/, '')},`);
    expect(keyring).toEqual([{ id: 'k1', key: Buffer.alloc(32, 0xa1) }]);
  });

  it.each([
    [
      undefined,
      'SECRETS_ENCRYPTION_KEYS is empty; set it to "<keyId>:<base64 key>" (generate one with: openssl rand -base64 32)',
    ],
    ['', 'SECRETS_ENCRYPTION_KEYS is empty'],
    [' , ', 'SECRETS_ENCRYPTION_KEYS is empty'],
    [KEY_A, 'SECRETS_ENCRYPTION_KEYS: entry 1 is not "<keyId>:<base64 key>"'],
    [`k1:${KEY_A},:${KEY_B}`, 'SECRETS_ENCRYPTION_KEYS: entry 2 is not "<keyId>:<base64 key>"'],
    [`k.1:${KEY_A}`, 'SECRETS_ENCRYPTION_KEYS: key id "k.1" must be 1-32 letters, digits, "_" or "-"'],
    [`${'k'.repeat(33)}:${KEY_A}`, 'must be 1-32 letters, digits, "_" or "-"'],
    [
      'k1:not base64!',
      'SECRETS_ENCRYPTION_KEYS: key "k1" is not valid base64; generate one with: openssl rand -base64 32',
    ],
    [
      `k1:${Buffer.alloc(16).toString('base64')}`,
      'SECRETS_ENCRYPTION_KEYS: key "k1" must be base64 of exactly 32 bytes (got 16); generate one with: openssl rand -base64 32',
    ],
    [`k1:${Buffer.alloc(33).toString('base64')}`, 'key "k1" must be base64 of exactly 32 bytes (got 33)'],
    [`k1:${KEY_A},k1:${KEY_B}`, 'SECRETS_ENCRYPTION_KEYS: key id "k1" appears more than once'],
  ])('refuses %p', (value, message) => {
    let thrown: unknown;
    try {
      parseKeyring(value);
    } catch (error: unknown) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SecretBoxError);
    expect(thrown).toMatchObject({ code: SecretBoxErrorCode.InvalidKeyring });
    expect((thrown as Error).message).toContain(message);
  });

  it('never echoes key material in errors', () => {
    expect(() => parseKeyring(KEY_A)).toThrow(
      expect.objectContaining({
        message: expect.not.stringContaining(KEY_A) as unknown,
      }),
    );
  });

  it('uses the given variable name', () => {
    expect(() => parseKeyring('', 'MY_KEYS')).toThrow(/^MY_KEYS is empty/);
  });
});

describe('generateKeyringEntry', () => {
  it('produces an entry parseKeyring accepts', () => {
    const entry = generateKeyringEntry('2026-11');
    expect(entry).toMatch(/^2026-11:[A-Za-z0-9+/]{43}=$/);
    expect(parseKeyring(entry)[0].key).toHaveLength(32);
    expect(generateKeyringEntry('2026-11')).not.toBe(entry);
  });

  it('refuses ids that cannot appear in a sealed value', () => {
    expect(() => generateKeyringEntry('a.b')).toThrow(
      'generateKeyringEntry: key id "a.b" must be 1-32 letters, digits, "_" or "-"',
    );
  });
});
