import { HOLD_REASONS, type DeliveryHeld, type HoldReason } from '@hookline/contracts';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsISO8601,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsTimestamp } from '../../common/is-timestamp.decorator';
import { DeliveredPayloadDto, ID_MAX } from './attempt-event.dto';

/** `delivery-held.v1` on `hookline.attempts.v1` as this service accepts it; see `DeliveryHeld`. */
export class DeliveryHeldDto implements DeliveryHeld {
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

  @IsInt()
  @Min(1)
  attempt!: number;

  @IsTimestamp()
  heldAt!: string;

  @IsIn(HOLD_REASONS)
  reason!: HoldReason;

  @IsTimestamp()
  nextAttemptAt!: string;

  @IsString()
  @IsISO8601({ strict: true })
  eventOccurredAt!: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => DeliveredPayloadDto)
  payload!: DeliveredPayloadDto;
}
