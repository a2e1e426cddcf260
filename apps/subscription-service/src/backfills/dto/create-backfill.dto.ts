import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsISO8601,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import type { BackfillAsked } from '../resolve-backfill-window';

/** Body of `POST /v1/webhooks/:id/backfill`. */
export class CreateBackfillDto implements BackfillAsked {
  @ApiProperty({
    example: '2026-11-20T00:00:00.000Z',
    description:
      'Replay events accepted at or after this instant; in the past, at most 30 days before `until`.',
  })
  @IsISO8601({ strict: true })
  since!: string;

  @ApiPropertyOptional({
    example: '2026-11-21T00:00:00.000Z',
    description: 'Replay events accepted before this instant; default and latest: now.',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  until?: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['job.created'],
    description:
      'Exact event types to replay, each one the webhook subscribes to; default: every type it subscribes to.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(128, { each: true })
  eventTypes?: string[];
}
