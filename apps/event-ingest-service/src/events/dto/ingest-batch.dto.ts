import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, ValidateBy, ValidateNested } from 'class-validator';
import { compileSchemaCheck } from '@hookline/contracts';
import { CompiledInput } from '@hookline/platform';
import { INGEST_EVENT_SCHEMA, IngestEventDto } from './ingest-event.dto';

/** The most events one batch may hold; INGEST_MAX_BATCH_SIZE may lower it, not raise it. */
export const MAX_BATCH_SIZE = 500;

const isObject = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** ValidateNested takes a list for a nested object (an empty one passes): each event must be an object. */
function EachEventIsAnObject(): PropertyDecorator {
  return ValidateBy({
    name: 'eachEventIsAnObject',
    validator: {
      validate: (value: unknown) => !Array.isArray(value) || value.every(isObject),
      defaultMessage: (args) =>
        `events must be a list of objects: events[${(args?.value as unknown[]).findIndex((event) => !isObject(event))}] is not one`,
    },
  });
}

/** `IngestBatchDto`'s decorators as JSON Schema: the compiled fast path of a batch (see INGEST_EVENT_SCHEMA). */
export const INGEST_BATCH_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['events'],
  properties: {
    events: { type: 'array', minItems: 1, maxItems: MAX_BATCH_SIZE, items: INGEST_EVENT_SCHEMA },
  },
};

@CompiledInput(compileSchemaCheck(INGEST_BATCH_SCHEMA))
export class IngestBatchDto {
  @ApiProperty({ type: [IngestEventDto], maxItems: MAX_BATCH_SIZE })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_SIZE)
  @EachEventIsAnObject()
  @ValidateNested({ each: true })
  @Type(() => IngestEventDto)
  events!: IngestEventDto[];
}
