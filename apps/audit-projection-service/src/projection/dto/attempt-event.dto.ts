import {
  ATTEMPT_OUTCOMES,
  DELIVERY_STATUSES,
  type AttemptEvent,
  type AttemptOutcome,
  type DeliveredPayload,
  type DeliveryRef,
  type DeliveryStatus,
} from '@hookline/contracts';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsISO8601,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsStringRecord } from '../../common/is-string-record.decorator';
import { IsTimestamp } from '../../common/is-timestamp.decorator';
import { Nullable } from '../../common/nullable.decorator';

export const ID_MAX = 256;

export class DeliveredPayloadDto implements DeliveredPayload {
  @IsString()
  @IsNotEmpty()
  @MaxLength(ID_MAX)
  id!: string;

  @IsString()
  @IsNotEmpty()
  type!: string;

  // Copied from the envelope's occurredAt, which ingest accepts as any ISO 8601 date.
  @IsString()
  @IsISO8601({ strict: true })
  timestamp!: string;

  @IsObject()
  data!: Record<string, unknown>;
}

/** The delivery every message of `hookline.attempts.v1` belongs to; see `DeliveryRef`. */
export abstract class DeliveryRefDto implements DeliveryRef {
  @IsString()
  @IsNotEmpty()
  @MaxLength(ID_MAX)
  deliveryId!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(ID_MAX)
  eventId!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(ID_MAX)
  eventType!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(ID_MAX)
  organizationId!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(ID_MAX)
  webhookId!: string;

  @IsString()
  @IsNotEmpty()
  subject!: string;

  @IsString()
  @IsNotEmpty()
  url!: string;
}

/** `hookline.attempts.v1` as this service accepts it; see `AttemptEvent` in the contracts. */
export class AttemptEventDto extends DeliveryRefDto implements AttemptEvent {
  @IsString()
  @IsNotEmpty()
  @MaxLength(ID_MAX)
  attemptId!: string;

  @IsInt()
  @Min(1)
  attempt!: number;

  @IsTimestamp()
  startedAt!: string;

  @IsInt()
  @Min(0)
  durationMs!: number;

  @IsStringRecord()
  requestHeaders!: Record<string, string>;

  @Nullable()
  @IsDefined()
  @IsInt()
  @Min(100)
  @Max(599)
  responseStatus!: number | null;

  @Nullable()
  @IsDefined()
  @IsStringRecord()
  responseHeaders!: Record<string, string> | null;

  @Nullable()
  @IsDefined()
  @IsString()
  responseBody!: string | null;

  @IsBoolean()
  responseBodyTruncated!: boolean;

  @IsIn(ATTEMPT_OUTCOMES)
  outcome!: AttemptOutcome;

  @Nullable()
  @IsDefined()
  @IsString()
  error!: string | null;

  @IsIn(DELIVERY_STATUSES)
  deliveryStatus!: DeliveryStatus;

  @Nullable()
  @IsDefined()
  @IsTimestamp()
  nextAttemptAt!: string | null;

  // The envelope's occurredAt, which ingest accepts as any ISO 8601 date.
  @IsString()
  @IsISO8601({ strict: true })
  eventOccurredAt!: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => DeliveredPayloadDto)
  payload!: DeliveredPayloadDto;
}
