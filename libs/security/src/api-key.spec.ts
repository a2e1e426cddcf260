import { createHash } from 'node:crypto';
import { apiKeyPrefix, generateApiKey, hashApiKey, looksLikeApiKey } from './api-key';

describe('generateApiKey', () => {
  it('returns hk_ + 40 base62 characters, its display prefix and its hash', () => {
    const { key, prefix, hash } = generateApiKey();
    expect(key).toMatch(/^hk_[0-9A-Za-z]{40}$/);
    expect(prefix).toBe(key.slice(0, 10));
    expect(prefix).toMatch(/^hk_[0-9A-Za-z]{7}$/);
    expect(hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(looksLikeApiKey(key)).toBe(true);
  });

  it('does not repeat and uses the whole alphabet', () => {
    const keys = Array.from({ length: 200 }, () => generateApiKey().key);
    expect(new Set(keys).size).toBe(200);
    const characters = new Set(keys.join('').replace(/hk_/g, ''));
    expect(characters.size).toBe(62);
  });
});

describe('hashApiKey', () => {
  it('is the SHA-256 hex of the key (FIPS 180-2 vector)', () => {
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('apiKeyPrefix', () => {
  it('keeps the first 10 characters', () => {
    expect(apiKeyPrefix('hk_AbCdEfGhIjKlMnOp')).toBe('hk_AbCdEfG');
  });
});

describe('looksLikeApiKey', () => {
  it.each([
    ['hk_' + 'a'.repeat(39)],
    ['hk_' + 'a'.repeat(41)],
    ['hk_' + 'a'.repeat(39) + '-'],
    ['HK_' + 'a'.repeat(40)],
    ['sk_' + 'a'.repeat(40)],
    [' hk_' + 'a'.repeat(40)],
    [''],
  ])('rejects %p', (value) => {
    expect(looksLikeApiKey(value)).toBe(false);
  });
});
