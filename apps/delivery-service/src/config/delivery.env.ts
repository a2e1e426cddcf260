import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  Matches,
  Max,
  Min,
  ValidatorConstraint,
  Validate,
  type ValidatorConstraintInterface,
  type ValidationArguments,
} from 'class-validator';
import { BaseEnv, toBoolean } from '@hookline/platform';
import { EgressPolicy, parseEgressProxyUrl } from '@hookline/security';
import { readPackageVersion } from './package-version';

@ValidatorConstraint({ name: 'cidrList' })
class IsCidrList implements ValidatorConstraintInterface {
  private problem = '';

  validate(value: unknown): boolean {
    if (typeof value !== 'string') {
      return false;
    }
    try {
      EgressPolicy.parseCidrList(value);
      return true;
    } catch (error) {
      this.problem = (error as Error).message;
      return false;
    }
  }

  defaultMessage(args: ValidationArguments): string {
    return this.problem || `${args.property} must be a comma-separated list of CIDR ranges`;
  }
}

@ValidatorConstraint({ name: 'egressProxyUrl' })
class IsEgressProxyUrl implements ValidatorConstraintInterface {
  private problem = '';

  validate(value: unknown): boolean {
    if (value === '') {
      return true;
    }
    try {
      parseEgressProxyUrl(String(value));
      return true;
    } catch (error) {
      this.problem = (error as Error).message;
      return false;
    }
  }

  defaultMessage(args: ValidationArguments): string {
    return this.problem || `${args.property} must be an http:// proxy URL`;
  }
}

export class DeliveryEnv extends BaseEnv {
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(65_535)
  PORT = 3003;

  /** `<keyId>:<base64 key>,...`; opens the webhook secrets and credentials of the routing table. */
  @IsString()
  @IsNotEmpty()
  SECRETS_ENCRYPTION_KEYS!: string;

  /** Lets `http://` endpoints through; local development and tests only. */
  @Transform(toBoolean)
  @IsBoolean()
  ALLOW_INSECURE_URLS = false;

  /** Private ranges endpoints may still resolve to, e.g. `127.0.0.0/8,::1/128` in tests. */
  @IsString()
  @Validate(IsCidrList)
  EGRESS_ALLOW_CIDRS = '';

  /**
   * `http://[user:password@]host:port`: every delivery tunnels through this CONNECT proxy (fixed egress
   * addresses); empty = direct. Operator configuration, so it may be on a private network.
   */
  @IsString()
  @Validate(IsEgressProxyUrl)
  DELIVERY_EGRESS_PROXY_URL = '';

  @IsString()
  @IsNotEmpty()
  DELIVERY_CONSUMER_GROUP = 'hookline-delivery';

  /**
   * Where a consumer group without committed offsets starts. `earliest` (the default) delivers
   * events accepted before delivery-service first ran; `latest` skips them.
   */
  @IsIn(['earliest', 'latest']) DELIVERY_START_FROM: 'earliest' | 'latest' = 'earliest';

  /** In-flight HTTP requests per process, across every partition. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(10_000)
  DELIVERY_MAX_CONCURRENCY = 256;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(256)
  DELIVERY_PARTITIONS_CONCURRENTLY = 6;

  /** Used when a webhook's state carries no timeout of its own. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(120)
  DELIVERY_DEFAULT_TIMEOUT_SECONDS = 15;

  /** Requests in flight to one webhook when its state sets no `maxConcurrency`. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(1_000)
  DELIVERY_WEBHOOK_MAX_CONCURRENCY = 16;

  /** Requests in flight for one organization, so one organization's flood cannot take every slot. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(10_000)
  DELIVERY_ORG_MAX_CONCURRENCY = 128;

  /**
   * Deliveries waiting for a webhook's concurrency slot are re-queued on a retry tier (not counted as an
   * attempt) once none of its requests has finished for this long (or twice its usual request time);
   * also the longest wait for a rate-limit token.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(60_000)
  DELIVERY_SLOT_WAIT_MS = 1_000;

  /**
   * The longest a delivery waits in memory for a slot of a webhook that keeps answering; one whose
   * expected wait is longer is re-queued at once.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(600_000)
  DELIVERY_SLOT_QUEUE_MAX_WAIT_MS = 30_000;

  /**
   * Deliveries waiting in memory for one webhook's slots; further ones are re-queued at once. Above
   * the consumer's in-flight budget by default, so that budget is the backpressure for a webhook that
   * keeps answering.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(100_000)
  DELIVERY_WEBHOOK_MAX_QUEUED = 10_000;

  /** Percentage of failed attempts within the window that opens a webhook's circuit breaker. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(100)
  DELIVERY_BREAKER_FAILURE_RATE_PERCENT = 80;

  /** Attempts that must have ended within the window before its failure rate can open the breaker. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(100_000)
  DELIVERY_BREAKER_MIN_REQUESTS = 20;

  /** The sliding window over which a webhook's failure rate is measured. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(3_600)
  DELIVERY_BREAKER_WINDOW_SECONDS = 30;

  /** How long an opened breaker stays open before one probe is let through; doubles while probes fail. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(3_600)
  DELIVERY_BREAKER_COOLDOWN_SECONDS = 30;

  /** Upper bound of the doubling cool-down. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(86_400)
  DELIVERY_BREAKER_MAX_COOLDOWN_SECONDS = 600;

  /** A `Retry-After` on 429/503 may postpone a retry by at most this much. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(86_400)
  DELIVERY_RETRY_AFTER_MAX_SECONDS = 3_600;

  /** A webhook failing without a single success for this long is reported for disabling (default 5 days). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(60)
  @Max(90 * 86_400)
  AUTO_DISABLE_AFTER_SECONDS = 5 * 86_400;

  /** Domain messages larger than this go to the DLQ; the broker's message.max.bytes must exceed it by ~128 KiB. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1_024)
  @Max(16 * 1_048_576)
  DELIVERY_MAX_EVENT_BYTES = 1_048_576;

  /** How long a targeted event (activation test) waits for the routing table to hold its webhook version. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(300_000)
  DELIVERY_TARGET_WAIT_MS = 10_000;

  /** Matched past events every backfill of a process together hands to delivery per second; live traffic is not limited by it. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(10_000)
  DELIVERY_BACKFILL_RATE_PER_SECOND = 50;

  /** A backfill records its position (where a restart resumes) after at most this many deliveries. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(10_000)
  DELIVERY_BACKFILL_CHECKPOINT_EVERY = 100;

  /** Messages of one partition taken but not finished; past it the partition is paused until half drain. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(100_000)
  DELIVERY_MAX_IN_FLIGHT_PER_PARTITION = 1_000;

  /** Consumer group session timeout: how soon a crashed instance's partitions move to the others. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(6_000)
  @Max(300_000)
  DELIVERY_SESSION_TIMEOUT_MS = 30_000;

  @IsString()
  @Matches(/^[0-9A-Za-z.+-]{1,64}$/, {
    message: 'DELIVERY_USER_AGENT_VERSION must be a version such as 1.2.3',
  })
  DELIVERY_USER_AGENT_VERSION = readPackageVersion();
}
