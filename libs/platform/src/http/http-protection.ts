import { BaseEnv } from '../config/base-env';

/** Rate limits and security headers of an HTTP service; production defaults unless configured. */
export interface HttpProtection {
  trustProxyHops: number;
  hstsMaxAgeSeconds: number;
  rateLimit: {
    enabled: boolean;
    perKeyPerSecond: number;
    perIpPerSecond: number;
    authFailuresPerIpPerMinute: number;
  };
}

export function httpProtectionFrom(config: BaseEnv): HttpProtection {
  return {
    trustProxyHops: config.TRUST_PROXY_HOPS,
    hstsMaxAgeSeconds: config.HSTS_MAX_AGE_SECONDS,
    rateLimit: {
      enabled: config.RATE_LIMIT_ENABLED,
      perKeyPerSecond: config.RATE_LIMIT_PER_KEY_PER_SECOND,
      perIpPerSecond: config.RATE_LIMIT_PER_IP_PER_SECOND,
      authFailuresPerIpPerMinute: config.RATE_LIMIT_AUTH_FAILURES_PER_IP_PER_MINUTE,
    },
  };
}

/** What a service gets when it says nothing: the defaults of `BaseEnv`. */
export const DEFAULT_HTTP_PROTECTION: HttpProtection = httpProtectionFrom(new BaseEnv());
