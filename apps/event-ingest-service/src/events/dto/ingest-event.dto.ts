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
import { EVENT_TYPES, EXTERNAL_ID_PATTERN, compileSchemaCheck } from '@hookline/contracts';
import { CompiledInput } from '@hookline/platform';

/**
 * `IngestEventDto`'s decorators as JSON Schema, the compiled fast path of every ingest request. An
 * optional field may be absent or null, as `@IsOptional` allows. It accepts nothing the decorators
 * refuse (ingest-input.spec.ts mutates requests to hold it to that).
 */
export const INGEST_EVENT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'subject', 'data'],
  properties: {
    type: { type: 'string', minLength: 1 },
    organizationId: { type: ['string', 'null'], pattern: EXTERNAL_ID_PATTERN.source },
    subject: { type: 'string', minLength: 1, maxLength: 256 },
    occurredAt: { type: ['string', 'null'], format: 'iso8601' },
    expiresAt: { type: ['string', 'null'], format: 'iso8601' },
    data: { type: 'object' },
    idempotencyKey: { type: ['string', 'null'], minLength: 1, maxLength: 200 },
  },
};

/** An event as a product service submits it; ingest assigns the id. */
@CompiledInput(compileSchemaCheck(INGEST_EVENT_SCHEMA))
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
