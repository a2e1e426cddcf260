import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsString } from 'class-validator';
import { IntegerEnv } from './integer-env.decorator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function toBoolean({ value }: { value: unknown }): unknown {
  if (value === 'true' || value === '1' || value === true) {
    return true;
  }
  if (value === 'false' || value === '0' || value === false) {
    return false;
  }
  return value;
}

/** Variables every service reads. */
export class BaseEnv {
  @IsIn(['development', 'production', 'test']) NODE_ENV: 'development' | 'production' | 'test' = 'production';

  @IsIn(LOG_LEVELS) LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  /** Comma-separated `host:port` list. */
  @IsString()
  @IsNotEmpty()
  KAFKA_BROKERS!: string;

  @IsString()
  @IsNotEmpty()
  HOST = '0.0.0.0';

  @IntegerEnv(1_000, 120_000) SHUTDOWN_TIMEOUT_MS = 10_000;

  /** Proxies in front of the service whose X-Forwarded-For/-Proto are trusted; 0 = none. */
  @IntegerEnv(0, 10) TRUST_PROXY_HOPS = 0;

  /** Strict-Transport-Security max-age on requests that arrived over TLS; 0 sends none. */
  @IntegerEnv(0, 63_072_000) HSTS_MAX_AGE_SECONDS = 31_536_000;

  @Transform(toBoolean)
  @IsBoolean()
  RATE_LIMIT_ENABLED = true;

  /** Requests per second one credential may make (bursts of one second's worth). */
  @IntegerEnv(1, 1_000_000) RATE_LIMIT_PER_KEY_PER_SECOND = 2_500;

  /** Requests per second one client address may make, whatever credentials it uses. */
  @IntegerEnv(1, 1_000_000) RATE_LIMIT_PER_IP_PER_SECOND = 5_000;

  /** 401 answers one client address may collect per minute before it is refused for a while. */
  @IntegerEnv(1, 1_000_000) RATE_LIMIT_AUTH_FAILURES_PER_IP_PER_MINUTE = 120;
}
