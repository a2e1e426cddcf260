import { sign, verify } from 'node:crypto';
import {
  PUBLIC_KEY_PREFIX,
  SIGNING_KEY_PREFIX,
  generateSigningKeyPair,
  isValidSigningKey,
  parsePublicKey,
  parseSigningKey,
  publicKeyOf,
} from './signing-key';

describe('ed25519 signing keys', () => {
  it('generates a whsk_ secret key of 64 bytes and its whpk_ public key of 32', () => {
    const { secretKey, publicKey } = generateSigningKeyPair();

    expect(secretKey.startsWith(SIGNING_KEY_PREFIX)).toBe(true);
    expect(Buffer.from(secretKey.slice(SIGNING_KEY_PREFIX.length), 'base64')).toHaveLength(64);
    expect(publicKey.startsWith(PUBLIC_KEY_PREFIX)).toBe(true);
    expect(Buffer.from(publicKey.slice(PUBLIC_KEY_PREFIX.length), 'base64')).toHaveLength(32);
    expect(publicKeyOf(secretKey)).toBe(publicKey);
    expect(generateSigningKeyPair().secretKey).not.toBe(secretKey);
  });

  it('signs with the secret key what the public key alone verifies, and nothing else', () => {
    const { secretKey, publicKey } = generateSigningKeyPair();
    const message = Buffer.from('evt_1.1700000000.{"a":1}');
    const signature = sign(null, message, parseSigningKey(secretKey));

    expect(verify(null, message, parsePublicKey(publicKey), signature)).toBe(true);
    expect(verify(null, Buffer.from('evt_1.1700000000.{"a":2}'), parsePublicKey(publicKey), signature)).toBe(
      false,
    );
    expect(verify(null, message, parsePublicKey(generateSigningKeyPair().publicKey), signature)).toBe(false);
  });

  it.each([
    ['another prefix', (key: string) => key.replace('whsk_', 'whsec_'), /must start with "whsk_"/],
    ['not base64', (key: string) => `${key.slice(0, -4)}!!!!`, /base64 of a 64-byte/],
    ['too short', () => `whsk_${Buffer.alloc(32, 1).toString('base64')}`, /base64 of a 64-byte/],
    [
      'a public half that is not its own',
      (key: string) => {
        const bytes = Buffer.from(key.slice(5), 'base64');
        bytes[40] ^= 0xff;
        return `whsk_${bytes.toString('base64')}`;
      },
      /not its own/,
    ],
  ])('refuses a secret key with %s', (_, corrupt, message) => {
    const bad = corrupt(generateSigningKeyPair().secretKey);
    expect(() => parseSigningKey(bad)).toThrow(message);
    expect(isValidSigningKey(bad)).toBe(false);
  });

  it('refuses a public key that is not whpk_ and 32 bytes', () => {
    expect(() => parsePublicKey(`whpk_${Buffer.alloc(31).toString('base64')}`)).toThrow(/32 bytes/);
    expect(() => parsePublicKey(generateSigningKeyPair().secretKey)).toThrow(/whpk_/);
  });
});
