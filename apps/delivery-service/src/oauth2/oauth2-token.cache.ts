import type { IssuedToken } from './parse-token-response';

/** Lifetime of a token whose endpoint gave no `expires_in`. */
export const DEFAULT_TOKEN_LIFETIME_MS = 300_000;
/** Longest a token is used, whatever `expires_in` says. */
export const MAX_TOKEN_LIFETIME_MS = 86_400_000;
/** A token is replaced this long before it expires, or halfway through a shorter lifetime. */
export const REFRESH_MARGIN_MS = 30_000;
const DEFAULT_CAPACITY = 10_000;

export type TokenFetch = () => Promise<IssuedToken>;

export interface OAuth2TokenCacheOptions {
  now?: () => number;
  /** Webhooks whose token is kept; the least recently fetched goes first. */
  capacity?: number;
}

interface CachedToken {
  credentialKey: string;
  accessToken: string;
  refreshAtMs: number;
}

/** When a token issued at `issuedAtMs` stops being used: before it expires, by the margin. */
export function refreshAtOf(issuedAtMs: number, expiresInSeconds: number | null): number {
  const lifetimeMs = Math.min(
    expiresInSeconds === null ? DEFAULT_TOKEN_LIFETIME_MS : expiresInSeconds * 1000,
    MAX_TOKEN_LIFETIME_MS,
  );
  return issuedAtMs + lifetimeMs - Math.min(REFRESH_MARGIN_MS, lifetimeMs / 2);
}

/**
 * Access tokens per webhook and credential (`credentialKey` changes when the client does). Concurrent
 * callers share one fetch per webhook, so a burst of deliveries makes one token request, not one each.
 * A failed fetch is not remembered: the next caller tries again.
 */
export class OAuth2TokenCache {
  private readonly tokens = new Map<string, CachedToken>();
  private readonly inFlight = new Map<string, Promise<string>>();
  private readonly now: () => number;
  private readonly capacity: number;

  constructor(options: OAuth2TokenCacheOptions = {}) {
    this.now = options.now ?? Date.now;
    this.capacity = options.capacity ?? DEFAULT_CAPACITY;
  }

  /** A token usable now: the cached one, the one being fetched, or a new one. */
  token(webhookId: string, credentialKey: string, fetch: TokenFetch): Promise<string> {
    const cached = this.usable(webhookId, credentialKey);
    return cached !== null ? Promise.resolve(cached) : this.fetchOnce(webhookId, credentialKey, fetch);
  }

  /**
   * A token other than `rejected`, which the endpoint refused: when another caller already replaced it
   * (or is replacing it), that one; else a new one. So many refusals of one token make one fetch.
   */
  replaceRejected(
    webhookId: string,
    credentialKey: string,
    rejected: string,
    fetch: TokenFetch,
  ): Promise<string> {
    const cached = this.usable(webhookId, credentialKey);
    if (cached !== null && cached !== rejected) {
      return Promise.resolve(cached);
    }
    if (cached === rejected) {
      this.tokens.delete(webhookId);
    }
    return this.fetchOnce(webhookId, credentialKey, fetch);
  }

  private usable(webhookId: string, credentialKey: string): string | null {
    const cached = this.tokens.get(webhookId);
    if (cached === undefined || cached.credentialKey !== credentialKey || this.now() >= cached.refreshAtMs) {
      return null;
    }
    return cached.accessToken;
  }

  private fetchOnce(webhookId: string, credentialKey: string, fetch: TokenFetch): Promise<string> {
    const flightKey = `${webhookId}\n${credentialKey}`;
    const pending = this.inFlight.get(flightKey);
    if (pending !== undefined) {
      return pending;
    }
    const issuedAtMs = this.now();
    const flight = fetch()
      .then(({ accessToken, expiresInSeconds }) => {
        this.remember(webhookId, {
          credentialKey,
          accessToken,
          refreshAtMs: refreshAtOf(issuedAtMs, expiresInSeconds),
        });
        return accessToken;
      })
      .finally(() => {
        if (this.inFlight.get(flightKey) === flight) {
          this.inFlight.delete(flightKey);
        }
      });
    this.inFlight.set(flightKey, flight);
    return flight;
  }

  private remember(webhookId: string, token: CachedToken): void {
    this.tokens.delete(webhookId);
    this.tokens.set(webhookId, token);
    if (this.tokens.size > this.capacity) {
      const oldest = this.tokens.keys().next();
      if (oldest.done !== true) {
        this.tokens.delete(oldest.value);
      }
    }
  }
}
