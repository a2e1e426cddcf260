import type { AttemptStart } from '@hookline/contracts';
import { IsISO8601, IsInt, IsNotEmpty, IsString, MaxLength, Min } from 'class-validator';
import { IsStringRecord } from '../../common/is-string-record.decorator';
import { IsTimestamp } from '../../common/is-timestamp.decorator';
import { DeliveryRefDto, ID_MAX } from './attempt-event.dto';

/** `attempt-start.v1` on `hookline.attempts.v1` as this service accepts it; see `AttemptStart`. */
export class AttemptStartDto extends DeliveryRefDto implements AttemptStart {
  @IsString()
  @IsNotEmpty()
  @MaxLength(ID_MAX)
  attemptId!: string;

  @IsInt()
  @Min(1)
  attempt!: number;

  @IsTimestamp()
  startedAt!: string;

  @IsStringRecord()
  requestHeaders!: Record<string, string>;

  @IsString()
  @IsISO8601({ strict: true })
  eventOccurredAt!: string;
}
