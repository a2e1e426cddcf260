import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { EVENT_TYPES, EXTERNAL_ID_PATTERN } from '@hookline/contracts';

/** An event as a product service submits it; ingest assigns the id. */
export class IngestEventDto {
  @ApiProperty({ enum: EVENT_TYPES, example: 'job.status_changed' })
  @IsString()
  @IsNotEmpty()
  type!: string;

  @ApiPropertyOptional({
    description: "Defaults to the API key's organization; required with a service token.",
    example: 'org_01JDZ8K3Q4',
  })
  @IsOptional()
  @IsString()
  @Matches(EXTERNAL_ID_PATTERN, { message: 'organizationId must be 1-128 characters of A-Z a-z 0-9 _ . : -' })
  organizationId?: string;

  @ApiProperty({
    description: 'The resource the event is about; events of one subject keep their order.',
    example: 'job_123',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  subject!: string;

  @ApiPropertyOptional({
    description: 'When it happened; defaults to the time of acceptance.',
    example: '2026-11-22T10:00:00.000Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;

  @ApiPropertyOptional({ description: 'No delivery attempt is made after this instant.', nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsISO8601({ strict: true })
  expiresAt?: string | null;

  @ApiProperty({
    description: "The type's payload; see GET /v1/event-types for its schema.",
    type: 'object',
    additionalProperties: true,
  })
  @IsObject()
  data!: Record<string, unknown>;

  @ApiPropertyOptional({
    description:
      'Retrying a request with the same key returns the first accepted event id instead of a new event.',
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  idempotencyKey?: string;
}
