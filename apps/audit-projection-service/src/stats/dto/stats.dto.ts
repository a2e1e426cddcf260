import { ATTEMPT_OUTCOMES, type AttemptOutcome } from '@hookline/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { STATS_BUCKETS, type StatsBucket } from '../stats-range';
import { ApiNullable, ApiTimestamp } from '../../common/api-property.decorators';

export class DeliveryCountsDto {
  @ApiProperty({ description: 'Deliveries whose first attempt falls in the range' }) started!: number;

  @ApiProperty({ description: 'Attempts that left their delivery succeeded' }) succeeded!: number;

  @ApiProperty({ description: 'Attempts that left their delivery failed (retries exhausted)' })
  failed!: number;

  @ApiProperty({ description: 'Attempts that left their delivery expired' }) expired!: number;

  @ApiProperty({ description: 'succeeded + failed + expired' }) finished!: number;
}

export class LatencyDto {
  @ApiProperty({
    description: 'Attempts measured: every attempt that made a request (not blocked, not expired)',
  })
  count!: number;

  @ApiNullable(Number, 'Exact mean, ms') mean!: number | null;

  @ApiNullable(
    Number,
    'Median, ms, from the log-scale histogram: never below the true value, < 9.1% above it',
  )
  p50!: number | null;

  @ApiNullable(Number, '95th percentile, ms (same precision)') p95!: number | null;

  @ApiNullable(Number, '99th percentile, ms (same precision)') p99!: number | null;

  @ApiNullable(Number, 'Exact maximum, ms') max!: number | null;
}

export class StatsSummaryDto {
  @ApiProperty() attempts!: number;

  @ApiProperty({ description: 'Attempts answered with a 2xx' }) succeededAttempts!: number;

  @ApiProperty({ description: 'Every other attempt' }) failedAttempts!: number;

  @ApiProperty({
    type: 'object',
    properties: Object.fromEntries(ATTEMPT_OUTCOMES.map((outcome) => [outcome, { type: 'integer' }])),
    description: 'Attempts by outcome; every outcome is present',
  })
  outcomes!: Record<AttemptOutcome, number>;

  @ApiProperty({ type: DeliveryCountsDto }) deliveries!: DeliveryCountsDto;

  @ApiNullable(Number, 'deliveries.succeeded / deliveries.finished; null when none finished')
  successRate!: number | null;

  @ApiProperty({ type: LatencyDto }) latencyMs!: LatencyDto;
}

export class WebhookStatsDto extends StatsSummaryDto {
  @ApiProperty() webhookId!: string;
}

export class EventTypeStatsDto extends StatsSummaryDto {
  @ApiProperty() eventType!: string;
}

export class BucketStatsDto extends StatsSummaryDto {
  @ApiTimestamp() bucketStart!: string;
}

export class StatsDto {
  @ApiTimestamp('Effective start (inclusive), on a bucket boundary') from!: string;

  @ApiTimestamp('Effective end (exclusive), on a bucket boundary') to!: string;

  @ApiProperty({ enum: STATS_BUCKETS }) bucket!: StatsBucket;

  @ApiNullable(String) webhookId!: string | null;

  @ApiNullable(String) eventType!: string | null;

  @ApiProperty({ type: StatsSummaryDto }) total!: StatsSummaryDto;

  @ApiProperty({ type: [WebhookStatsDto], description: 'Most attempts first' }) byWebhook!: WebhookStatsDto[];

  @ApiProperty({ type: [EventTypeStatsDto], description: 'Most attempts first' })
  byEventType!: EventTypeStatsDto[];

  @ApiProperty({
    type: [BucketStatsDto],
    description: 'Every bucket of the range, oldest first, empty ones too',
  })
  byBucket!: BucketStatsDto[];
}
