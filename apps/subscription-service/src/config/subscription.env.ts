import { Transform } from 'class-transformer';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, IsUrl, Matches, MinLength } from 'class-validator';
import { BaseEnv, IntegerEnv, toBoolean } from '@hookline/platform';
import { EgressPolicy, SecretBox } from '@hookline/security';
import { WEBHOOK_LIMITS } from '../webhooks/webhook-limits';
import { IsParsableBy } from './is-parsable-by.validator';

// Implicit conversion has already turned "false" into `true` by the time `value` arrives; read the raw one.
const rawBoolean = ({ obj, key }: { obj: Record<string, unknown>; key: string }): unknown =>
  toBoolean({ value: obj[key] });

/** Environment of subscription-service, validated at boot; a bad variable stops the process with its name. */
export class SubscriptionEnv extends BaseEnv {
  @IntegerEnv(1, 65_535) PORT = 3000;

  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// connection URL' })
  DATABASE_URL!: string;

  /** Bearer token of the platform admin (organization and key management). */
  @IsString()
  @MinLength(16)
  ADMIN_TOKEN!: string;

  /** `<keyId>:<base64 32 bytes>,…`; the first key encrypts, every key decrypts. */
  @IsString()
  @IsNotEmpty()
  @IsParsableBy((value) => SecretBox.fromEnv(value))
  SECRETS_ENCRYPTION_KEYS!: string;

  @Transform(rawBoolean)
  @IsBoolean()
  ALLOW_INSECURE_URLS = false;

  /** Private ranges endpoint URLs may still point to, e.g. `127.0.0.0/8,::1/128` in development. */
  @IsString()
  @IsParsableBy((value) => EgressPolicy.parseCidrList(value))
  EGRESS_ALLOW_CIDRS = '';

  @IntegerEnv(10, 60_000) OUTBOX_POLL_INTERVAL_MS = 100;

  @IntegerEnv(1, 5_000) OUTBOX_BATCH_SIZE = 500;

  /** How long a rotated-out signing secret is still signed with, unless a rotation says otherwise. */
  @IntegerEnv(0, WEBHOOK_LIMITS.maxSecretGraceSeconds) SECRET_ROTATION_GRACE_SECONDS = 86_400;

  /** How often secrets past their grace period are removed and the webhook's state republished. */
  @IntegerEnv(50, 3_600_000) SECRET_CLEANUP_INTERVAL_MS = 60_000;

  /** How often credentials sealed with a retired key are re-encrypted (also once at start). */
  @IntegerEnv(50, 86_400_000) SECRET_REENCRYPTION_INTERVAL_MS = 3_600_000;

  /** Webhooks fetched per query by the cleanup and re-encryption jobs; each is its own transaction. */
  @IntegerEnv(1, 1_000) SECRET_MAINTENANCE_BATCH_SIZE = 100;

  /** Consumer group of the `hookline.signals.v1` consumer. */
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,200}$/, {
    message: 'SIGNALS_CONSUMER_GROUP must be 1-200 characters of A-Z a-z 0-9 . _ -',
  })
  SIGNALS_CONSUMER_GROUP = 'hookline-subscription-signals';

  /** Consumer group of the `hookline.backfill-progress.v1` consumer. */
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,200}$/, {
    message: 'BACKFILL_PROGRESS_CONSUMER_GROUP must be 1-200 characters of A-Z a-z 0-9 . _ -',
  })
  BACKFILL_PROGRESS_CONSUMER_GROUP = 'hookline-subscription-backfill-progress';

  /** HMAC secret of portal session tokens, shared with audit-projection-service; unset turns sessions off. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'PORTAL_SESSION_SECRET must be at least 32 characters' })
  PORTAL_SESSION_SECRET?: string;

  /** Where browsers reach the portal; session URLs are built on it. */
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'] },
    { message: 'PORTAL_PUBLIC_URL must be an http(s) URL' },
  )
  PORTAL_PUBLIC_URL = 'http://localhost:3000/portal/';

  /** Where browsers reach audit-projection-service's API (the portal's log history and statistics). */
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'] },
    { message: 'PORTAL_AUDIT_URL must be an http(s) URL' },
  )
  PORTAL_AUDIT_URL = 'http://localhost:3002';

  /** Origins allowed to embed the portal in an iframe, space- or comma-separated; empty allows none. */
  @IsString()
  @Matches(/^(\s*https?:\/\/[^\s,'";]+\s*,?)*$/, {
    message: 'PORTAL_FRAME_ANCESTORS must be a list of http(s) origins, e.g. https://app.example.com',
  })
  PORTAL_FRAME_ANCESTORS = '';

  /** The built portal (`vite build` output); the portal is not served when the folder is missing. */
  @IsString()
  @IsNotEmpty()
  PORTAL_DIST_DIR = 'apps/portal/dist';
  /** Base URL delivery-service reaches this service at, for `hookline listen`; empty turns the relay off. */
  @Matches(/^(https?:\/\/[^\s/?#]+(\/[^\s?#]*)?)?$/, {
    message: 'RELAY_PUBLIC_URL must be empty or an http(s) URL without query, e.g. https://relay.example.com',
  })
  RELAY_PUBLIC_URL = '';

  /** How long a relayed delivery waits for the developer's endpoint before it is answered 504. */
  @IntegerEnv(1_000, 55_000) RELAY_RESPONSE_TIMEOUT_MS = 10_000;

  @IntegerEnv(1, 1_000) RELAY_MAX_SESSIONS_PER_ORGANIZATION = 10;
}
