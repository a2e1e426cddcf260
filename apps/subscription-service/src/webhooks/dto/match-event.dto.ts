import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import type { FilterableEvent } from '@hookline/contracts';

/** Body of `POST /v1/webhooks/:id/match`: a sample event, as much of it as a filter reads. */
export class MatchEventDto implements Partial<FilterableEvent> {
  @ApiProperty({ example: 'job.status_changed', description: 'The event type, as in the catalog.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  type!: string;

  @ApiPropertyOptional({
    example: 'job_42',
    description: 'The resource the event is about; empty when left out.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  subject?: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { status: 'completed', total: 1250.5 },
    description: 'The event data; not checked against the catalog, so a partial sample is fine.',
  })
  @IsObject()
  data!: Record<string, unknown>;
}
