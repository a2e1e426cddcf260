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
import { EgressPolicy } from '@hookline/security';
import { readPackageVersion } from './package-version';

@ValidatorConstraint({ name: 'cidrList' })
class IsCidrList implements ValidatorConstraintInterface {
  private problem = '';

  validate(value: unknown): boolean {
    if (typeof value !== 'string') return false;
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

  @IsString()
  @IsNotEmpty()
  DELIVERY_CONSUMER_GROUP = 'hookline-delivery';

  /**
   * Where a consumer group without committed offsets starts. `earliest` (the default) delivers
   * events accepted before delivery-service first ran; `latest` skips them.
   */
  @IsIn(['earliest', 'latest'])
  DELIVERY_START_FROM: 'earliest' | 'latest' = 'earliest';

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

  @IsString()
  @Matches(/^[0-9A-Za-z.+-]{1,64}$/, {
    message: 'DELIVERY_USER_AGENT_VERSION must be a version such as 1.2.3',
  })
  DELIVERY_USER_AGENT_VERSION = readPackageVersion();
}
