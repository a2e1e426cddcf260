import { ATTEMPT_OUTCOMES, type AttemptOutcome } from '@hookline/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { STATS_BUCKETS, type StatsBucket } from '../stats-range';

export class DeliveryCountsDto {
  @ApiProperty({ description: 'Deliveries whose first attempt falls in the range' })
  started!: number;

  @ApiProperty({ description: 'Attempts that left their delivery succeeded' })
  succeeded!: number;

  @ApiProperty({ description: 'Attempts that left their delivery failed (retries exhausted)' })
  failed!: number;

  @ApiProperty({ description: 'Attempts that left their delivery expired' })
  expired!: number;

  @ApiProperty({ description: 'succeeded + failed + expired' })
  finished!: number;
}

export class LatencyDto {
  @ApiProperty({
    description: 'Attempts measured: every attempt that made a request (not blocked, not expired)',
  })
  count!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'Exact mean, ms' })
  mean!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Median, ms, from the log-scale histogram: never below the true value, < 9.1% above it',
  })
  p50!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: '95th percentile, ms (same precision)' })
  p95!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: '99th percentile, ms (same precision)' })
  p99!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Exact maximum, ms' })
  max!: number | null;
}

export class StatsSummaryDto {
  @ApiProperty()
  attempts!: number;

  @ApiProperty({ description: 'Attempts answered with a 2xx' })
  succeededAttempts!: number;

  @ApiProperty({ description: 'Every other attempt' })
  failedAttempts!: number;

  @ApiProperty({
    type: 'object',
    properties: Object.fromEntries(ATTEMPT_OUTCOMES.map((outcome) => [outcome, { type: 'integer' }])),
    description: 'Attempts by outcome; every outcome is present',
  })
  outcomes!: Record<AttemptOutcome, number>;

  @ApiProperty({ type: DeliveryCountsDto })
  deliveries!: DeliveryCountsDto;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'deliveries.succeeded / deliveries.finished; null when none finished',
  })
  successRate!: number | null;

  @ApiProperty({ type: LatencyDto })
  latencyMs!: LatencyDto;
}

export class WebhookStatsDto extends StatsSummaryDto {
  @ApiProperty()
  webhookId!: string;
}

export class EventTypeStatsDto extends StatsSummaryDto {
  @ApiProperty()
  eventType!: string;
}

export class BucketStatsDto extends StatsSummaryDto {
  @ApiProperty({ format: 'date-time' })
  bucketStart!: string;
}

export class StatsDto {
  @ApiProperty({ format: 'date-time', description: 'Effective start (inclusive), on a bucket boundary' })
  from!: string;

  @ApiProperty({ format: 'date-time', description: 'Effective end (exclusive), on a bucket boundary' })
  to!: string;

  @ApiProperty({ enum: STATS_BUCKETS })
  bucket!: StatsBucket;

  @ApiProperty({ type: String, nullable: true })
  webhookId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  eventType!: string | null;

  @ApiProperty({ type: StatsSummaryDto })
  total!: StatsSummaryDto;

  @ApiProperty({ type: [WebhookStatsDto], description: 'Most attempts first' })
  byWebhook!: WebhookStatsDto[];

  @ApiProperty({ type: [EventTypeStatsDto], description: 'Most attempts first' })
  byEventType!: EventTypeStatsDto[];

  @ApiProperty({
    type: [BucketStatsDto],
    description: 'Every bucket of the range, oldest first, empty ones too',
  })
  byBucket!: BucketStatsDto[];
}
