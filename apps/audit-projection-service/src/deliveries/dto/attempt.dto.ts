import { ATTEMPT_OUTCOMES, type AttemptOutcome } from '@hookline/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { ApiNullable, ApiNullableTimestamp, ApiTimestamp } from '../../common/api-property.decorators';

export class AttemptDto {
  @ApiProperty({ example: 'att_01JDZ8K3M4N5P6Q7R8S9T0V1W2' }) id!: string;

  @ApiProperty({ description: '1 for the first attempt', example: 1 }) attempt!: number;

  @ApiTimestamp() startedAt!: string;

  @ApiProperty({ example: 182 }) durationMs!: number;

  @ApiNullable(Number) responseStatus!: number | null;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, nullable: true })
  responseHeaders!: Record<string, string> | null;

  @ApiNullable(String, 'At most 64 KiB; see responseBodyTruncated') responseBody!: string | null;

  @ApiProperty() responseBodyTruncated!: boolean;

  @ApiProperty({ enum: ATTEMPT_OUTCOMES }) outcome!: AttemptOutcome;

  @ApiNullable(String, 'Why the attempt failed without a response') error!: string | null;

  @ApiNullableTimestamp('When the retry this attempt scheduled is due; null when none was')
  nextAttemptAt!: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Request headers as sent, credentials and signatures redacted',
  })
  requestHeaders!: Record<string, string>;
}
