import { IsNotEmpty, IsOptional, IsString, Matches, MinLength } from 'class-validator';
import { BaseEnv, IntegerEnv } from '@hookline/platform';

const POSTGRES_URL = /^postgres(ql)?:\/\/\S+$/;
const MAX_RETENTION_DAYS = 3_650;

/** `npm run migrate` needs the database only, so it must not demand Kafka settings. */
export class AuditDatabaseEnv {
  @IsString()
  @Matches(POSTGRES_URL, { message: 'DATABASE_URL must be a postgres:// connection URL' })
  DATABASE_URL!: string;
}

export class AuditEnv extends BaseEnv {
  @IsString()
  @Matches(POSTGRES_URL, { message: 'DATABASE_URL must be a postgres:// connection URL' })
  DATABASE_URL!: string;

  @IntegerEnv(1, 65_535) PORT = 3002;

  /** The attempts projection's group; the webhook directory uses `<group>-webhooks`. */
  @IsString()
  @IsNotEmpty()
  AUDIT_CONSUMER_GROUP = 'hookline-audit-projection';

  /** Partitions of `hookline.attempts.v1` projected at once, each batch in its own transaction. */
  @IntegerEnv(1, 16) AUDIT_PARTITIONS_CONCURRENTLY = 6;

  /** Payloads are kept this long after their event occurred; redelivery needs them. */
  @IntegerEnv(1, MAX_RETENTION_DAYS) AUDIT_PAYLOAD_RETENTION_DAYS = 30;

  /** Deliveries and their attempts are kept this long after the delivery's last attempt ended. */
  @IntegerEnv(1, MAX_RETENTION_DAYS) AUDIT_ATTEMPT_RETENTION_DAYS = 90;

  /** Hourly rollups (`audit.stats_hourly`) are kept this long after their hour. */
  @IntegerEnv(1, MAX_RETENTION_DAYS) AUDIT_STATS_RETENTION_DAYS = 400;

  /** How often this replica prunes what is past retention; 0 turns the job off. */
  @IntegerEnv(0, 10_080) AUDIT_RETENTION_INTERVAL_MINUTES = 60;

  /** Rows one pruning statement deletes at most, so no statement holds locks for long. */
  @IntegerEnv(1, 100_000) AUDIT_RETENTION_BATCH_SIZE = 1_000;

  /**
   * An attempt whose start is on the attempts topic but whose outcome is not, once its partition
   * has moved this far past the start (or a later attempt of the delivery is logged), is recorded
   * as `interrupted`. Longer than the longest attempt (120 s) with margin for a slow publish.
   */
  @IntegerEnv(1, 86_400) AUDIT_ATTEMPT_OUTCOME_GRACE_SECONDS = 180;

  /** HMAC secret of portal session tokens, the same as subscription-service's; unset refuses them. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'PORTAL_SESSION_SECRET must be at least 32 characters' })
  PORTAL_SESSION_SECRET?: string;

  /** Origins whose pages may call this API from a browser (CORS): where the portal is served. */
  @IsString()
  @Matches(/^(\s*https?:\/\/[^\s,'";]+\s*,?)*$/, {
    message: 'PORTAL_ORIGINS must be a comma-separated list of http(s) origins',
  })
  PORTAL_ORIGINS = '';
}
