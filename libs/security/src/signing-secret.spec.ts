import {
  generateSigningSecret,
  InvalidSigningSecretError,
  isValidSigningSecret,
  parseSigningSecret,
} from './signing-secret';

const b64 = (length: number): string => Buffer.alloc(length, 0xfb).toString('base64');

describe('generateSigningSecret', () => {
  it('returns whsec_ + base64 of 32 random bytes by default', () => {
    const secret = generateSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(parseSigningSecret(secret)).toHaveLength(32);
    expect(generateSigningSecret()).not.toBe(secret);
  });

  it.each([24, 64])('accepts %i bytes', (bytes) => {
    expect(parseSigningSecret(generateSigningSecret(bytes))).toHaveLength(bytes);
  });

  it.each([23, 65, 0, 32.5, Number.NaN])('refuses %p bytes', (bytes) => {
    expect(() => generateSigningSecret(bytes)).toThrow(RangeError);
    expect(() => generateSigningSecret(bytes)).toThrow(
      'signing secret length must be an integer from 24 to 64 bytes',
    );
  });
});

describe('parseSigningSecret', () => {
  it('decodes the key bytes', () => {
    expect(parseSigningSecret(`whsec_${b64(24)}`)).toEqual(Buffer.alloc(24, 0xfb));
    // The secret used in the Standard Webhooks reference test suite.
    expect(parseSigningSecret('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw').toString('hex')).toBe(
      '31f290f6bf06298aab4f08d43c3f082cf648a362da2da4b0',
    );
  });

  it('accepts unpadded base64', () => {
    expect(parseSigningSecret(`whsec_${b64(32).replace(/=+$/, '')}`)).toEqual(Buffer.alloc(32, 0xfb));
  });

  it.each([
    [b64(32), 'signing secret must start with "whsec_"'],
    [`WHSEC_${b64(32)}`, 'signing secret must start with "whsec_"'],
    [`whsec_${b64(32)}!`, 'signing secret must be "whsec_" followed by base64'],
    [`whsec_ ${b64(32)}`, 'signing secret must be "whsec_" followed by base64'],
    [
      `whsec_${Buffer.alloc(32).toString('base64url')}x-`,
      'signing secret must be "whsec_" followed by base64',
    ],
    [`whsec_${b64(23)}`, 'signing secret must encode 24 to 64 bytes (got 23)'],
    [`whsec_${b64(65)}`, 'signing secret must encode 24 to 64 bytes (got 65)'],
    ['whsec_', 'signing secret must encode 24 to 64 bytes (got 0)'],
  ])('refuses %p', (secret, message) => {
    expect(() => parseSigningSecret(secret)).toThrow(InvalidSigningSecretError);
    expect(() => parseSigningSecret(secret)).toThrow(message);
    expect(isValidSigningSecret(secret)).toBe(false);
  });

  it('carries a code for mapping to a 400', () => {
    expect(() => parseSigningSecret('nope')).toThrow(
      expect.objectContaining({ code: 'INVALID_SIGNING_SECRET' }),
    );
  });
});

describe('isValidSigningSecret', () => {
  it('accepts generated secrets', () => {
    expect(isValidSigningSecret(generateSigningSecret())).toBe(true);
  });
});
