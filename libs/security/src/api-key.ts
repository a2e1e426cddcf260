import { createHash, randomInt } from 'node:crypto';

export const API_KEY_PREFIX = 'hk_';
const API_KEY_RANDOM_CHARS = 40;
const DISPLAY_PREFIX_LENGTH = 10;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const API_KEY_PATTERN = new RegExp(`^${API_KEY_PREFIX}[0-9A-Za-z]{${API_KEY_RANDOM_CHARS}}$`);

export interface GeneratedApiKey {
  /** Shown to the caller once, never stored. */
  key: string;
  /** First 10 characters (`hk_AbCdEfG`), stored to let people tell keys apart. */
  prefix: string;
  /** What is stored and looked up. */
  hash: string;
}

/**
 * `hk_` + 40 base62 characters (~238 bits): recognisable by secret scanners,
 * selectable with a double click, and far too random to guess.
 */
export function generateApiKey(): GeneratedApiKey {
  let random = '';
  for (let index = 0; index < API_KEY_RANDOM_CHARS; index += 1) {
    random += BASE62[randomInt(BASE62.length)];
  }
  const key = `${API_KEY_PREFIX}${random}`;
  return { key, prefix: apiKeyPrefix(key), hash: hashApiKey(key) };
}

/**
 * SHA-256 hex of the key. A fast hash is right here (as GitHub and Stripe do): the keys are
 * high-entropy random, so there is nothing to brute-force, and every request can be checked cheaply.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function apiKeyPrefix(key: string): string {
  return key.slice(0, DISPLAY_PREFIX_LENGTH);
}

/** Shape check only, to reject obviously wrong credentials before a database lookup. */
export function looksLikeApiKey(value: string): boolean {
  return API_KEY_PATTERN.test(value);
}
