import { ATTEMPT_OUTCOMES, type AttemptOutcome } from '@hookline/contracts';
import { ApiProperty } from '@nestjs/swagger';

export class AttemptDto {
  @ApiProperty({ example: 'att_01JDZ8K3M4N5P6Q7R8S9T0V1W2' })
  id!: string;

  @ApiProperty({ description: '1 for the first attempt', example: 1 })
  attempt!: number;

  @ApiProperty({ format: 'date-time' })
  startedAt!: string;

  @ApiProperty({ example: 182 })
  durationMs!: number;

  @ApiProperty({ type: Number, nullable: true })
  responseStatus!: number | null;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, nullable: true })
  responseHeaders!: Record<string, string> | null;

  @ApiProperty({ type: String, nullable: true, description: 'At most 64 KiB; see responseBodyTruncated' })
  responseBody!: string | null;

  @ApiProperty()
  responseBodyTruncated!: boolean;

  @ApiProperty({ enum: ATTEMPT_OUTCOMES })
  outcome!: AttemptOutcome;

  @ApiProperty({ type: String, nullable: true, description: 'Why the attempt failed without a response' })
  error!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the retry this attempt scheduled is due; null when none was',
  })
  nextAttemptAt!: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Request headers as sent, credentials and signatures redacted',
  })
  requestHeaders!: Record<string, string>;
}
