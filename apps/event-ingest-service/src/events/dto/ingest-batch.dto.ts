import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, ValidateNested } from 'class-validator';
import { IngestEventDto } from './ingest-event.dto';

/** The most events one batch may hold; INGEST_MAX_BATCH_SIZE may lower it, not raise it. */
export const MAX_BATCH_SIZE = 500;

export class IngestBatchDto {
  @ApiProperty({ type: [IngestEventDto], maxItems: MAX_BATCH_SIZE })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_SIZE)
  @ValidateNested({ each: true })
  @Type(() => IngestEventDto)
  events!: IngestEventDto[];
}
