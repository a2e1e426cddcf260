import { HOLD_REASONS, type DeliveryHeld, type HoldReason } from '@hookline/contracts';
import { Type } from 'class-transformer';
import { IsDefined, IsISO8601, IsIn, IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { IsTimestamp } from '../../common/is-timestamp.decorator';
import { DeliveredPayloadDto, DeliveryRefDto } from './attempt-event.dto';

/** `delivery-held.v1` on `hookline.attempts.v1` as this service accepts it; see `DeliveryHeld`. */
export class DeliveryHeldDto extends DeliveryRefDto implements DeliveryHeld {
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
