import {
  DEFAULT_TOKEN_LIFETIME_MS,
  MAX_TOKEN_LIFETIME_MS,
  OAuth2TokenCache,
  REFRESH_MARGIN_MS,
  refreshAtOf,
} from './oauth2-token.cache';
import type { IssuedToken } from './parse-token-response';

/** A token endpoint under the test's control: each fetch waits until the test settles it. */
function tokenEndpoint() {
  const pending: Array<{ resolve: (token: IssuedToken) => void; reject: (error: Error) => void }> = [];
  let issued = 0;
  return {
    get fetches(): number {
      return issued;
    },
    fetch: (): Promise<IssuedToken> => {
      issued += 1;
      return new Promise((resolve, reject) => pending.push({ resolve, reject }));
    },
    issue(accessToken: string, expiresInSeconds: number | null = 3_600): void {
      const next = pending.shift();
      if (next === undefined) {
        throw new Error('no token request is waiting');
      }
      next.resolve({ accessToken, expiresInSeconds });
    },
    fail(error: Error): void {
      pending.shift()?.reject(error);
    },
  };
}

describe(OAuth2TokenCache.name, () => {
  let now: number;
  let cache: OAuth2TokenCache;

  beforeEach(() => {
    now = 1_000_000;
    cache = new OAuth2TokenCache({ now: () => now });
  });

  const instantly =
    (accessToken: string, expiresInSeconds: number | null = 3_600) =>
    (): Promise<IssuedToken> =>
      Promise.resolve({ accessToken, expiresInSeconds });

  describe(refreshAtOf.name, () => {
    it('stops using a token the margin before it expires', () => {
      expect(refreshAtOf(0, 3_600)).toBe(3_600_000 - REFRESH_MARGIN_MS);
    });

    it('uses a short-lived token for the first half of its life', () => {
      expect(refreshAtOf(0, 10)).toBe(5_000);
      expect(refreshAtOf(0, 0)).toBe(0);
    });

    it('gives a token without expires_in the default lifetime, and bounds a long one', () => {
      expect(refreshAtOf(0, null)).toBe(DEFAULT_TOKEN_LIFETIME_MS - REFRESH_MARGIN_MS);
      expect(refreshAtOf(0, 10 * 365 * 86_400)).toBe(MAX_TOKEN_LIFETIME_MS - REFRESH_MARGIN_MS);
    });
  });

  it('reuses a token until the margin before its expiry, then fetches a new one', async () => {
    expect(await cache.token('wh_1', 'k', instantly('first', 120))).toBe('first');
    now += 120_000 - REFRESH_MARGIN_MS - 1;
    expect(await cache.token('wh_1', 'k', instantly('second', 120))).toBe('first');
    now += 1;
    expect(await cache.token('wh_1', 'k', instantly('second', 120))).toBe('second');
  });

  it('counts the lifetime from when the request was sent, not when the answer came', async () => {
    const endpoint = tokenEndpoint();
    const token = cache.token('wh_1', 'k', endpoint.fetch);
    now += 50_000;
    endpoint.issue('slow', 60);
    expect(await token).toBe('slow');
    now += 1_000;
    // Issued at the start, so due at start + 30 s (half of 60 s), not 30 s after the answer.
    expect(await cache.token('wh_1', 'k', instantly('next'))).toBe('next');
  });

  it('fetches again when the credential changes', async () => {
    expect(await cache.token('wh_1', 'old', instantly('a'))).toBe('a');
    expect(await cache.token('wh_1', 'new', instantly('b'))).toBe('b');
    expect(await cache.token('wh_2', 'new', instantly('c'))).toBe('c');
    expect(await cache.token('wh_1', 'new', instantly('d'))).toBe('b');
  });

  it('shares one fetch among concurrent callers of a webhook', async () => {
    const endpoint = tokenEndpoint();
    const tokens = Promise.all([1, 2, 3, 4, 5].map(() => cache.token('wh_1', 'k', endpoint.fetch)));
    expect(endpoint.fetches).toBe(1);
    endpoint.issue('shared');
    expect(await tokens).toEqual(['shared', 'shared', 'shared', 'shared', 'shared']);
    expect(await cache.token('wh_1', 'k', endpoint.fetch)).toBe('shared');
    expect(endpoint.fetches).toBe(1);
  });

  it('fails every caller sharing a failed fetch, remembers nothing, and fetches again next time', async () => {
    const endpoint = tokenEndpoint();
    const tokens = [cache.token('wh_1', 'k', endpoint.fetch), cache.token('wh_1', 'k', endpoint.fetch)];
    endpoint.fail(new Error('token endpoint answered 503'));
    for (const token of tokens) {
      await expect(token).rejects.toThrow('token endpoint answered 503');
    }
    const retried = cache.token('wh_1', 'k', endpoint.fetch);
    expect(endpoint.fetches).toBe(2);
    endpoint.issue('recovered');
    expect(await retried).toBe('recovered');
  });

  it('replaces a rejected token with one fetch, however many requests it was refused on', async () => {
    const endpoint = tokenEndpoint();
    const first = cache.token('wh_1', 'k', endpoint.fetch);
    endpoint.issue('revoked');
    expect(await first).toBe('revoked');

    const replacements = [1, 2, 3].map(() => cache.replaceRejected('wh_1', 'k', 'revoked', endpoint.fetch));
    expect(endpoint.fetches).toBe(2);
    endpoint.issue('fresh');
    expect(await Promise.all(replacements)).toEqual(['fresh', 'fresh', 'fresh']);
    // A refusal of the old token reported after the replacement came gets the replacement.
    expect(await cache.replaceRejected('wh_1', 'k', 'revoked', endpoint.fetch)).toBe('fresh');
    expect(endpoint.fetches).toBe(2);
    expect(await cache.token('wh_1', 'k', endpoint.fetch)).toBe('fresh');
  });

  it('replaces the replacement too when the endpoint refuses it', async () => {
    await cache.token('wh_1', 'k', instantly('one'));
    expect(await cache.replaceRejected('wh_1', 'k', 'one', instantly('two'))).toBe('two');
    expect(await cache.replaceRejected('wh_1', 'k', 'two', instantly('three'))).toBe('three');
  });

  it('keeps the tokens of at most `capacity` webhooks, dropping the least recently fetched', async () => {
    const small = new OAuth2TokenCache({ now: () => now, capacity: 2 });
    await small.token('wh_1', 'k', instantly('1'));
    await small.token('wh_2', 'k', instantly('2'));
    await small.token('wh_3', 'k', instantly('3'));
    expect(await small.token('wh_2', 'k', instantly('2b'))).toBe('2');
    expect(await small.token('wh_1', 'k', instantly('1b'))).toBe('1b');
  });
});
