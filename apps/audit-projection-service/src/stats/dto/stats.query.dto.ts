import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsQueryTimestamp } from '../../common/is-query-timestamp.decorator';
import { STATS_BUCKETS, type StatsBucket } from '../stats-range';

export class StatsQueryDto {
  @ApiPropertyOptional({ description: 'Only this webhook (of the caller’s organization)' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  webhookId?: string;

  @ApiPropertyOptional({ example: 'job.status_changed', description: 'Only this event type' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  eventType?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'Start, inclusive; moved down to its bucket’s start. Default: 24 buckets (hour) or 30 (day) before `to`',
  })
  @IsOptional()
  @IsQueryTimestamp()
  from?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'End, exclusive; moved up to a bucket boundary. Default: the end of the current bucket',
  })
  @IsOptional()
  @IsQueryTimestamp()
  to?: string;

  @ApiPropertyOptional({
    enum: STATS_BUCKETS,
    default: 'hour',
    description: 'Size of `byBucket` entries (UTC)',
  })
  @IsOptional()
  @IsIn(STATS_BUCKETS)
  bucket?: StatsBucket;
}
