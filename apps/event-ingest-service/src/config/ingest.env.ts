import { Transform } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';
import { BaseEnv } from '@hookline/platform';
import { MAX_BATCH_SIZE } from '../events/dto/ingest-batch.dto';

export class IngestEnv extends BaseEnv {
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(65_535)
  PORT = 3001;

  @IsString()
  @IsNotEmpty()
  DATABASE_URL!: string;

  /** `name:token,...`: product services that publish for any organization. */
  @IsOptional()
  @IsString()
  INGEST_SERVICE_TOKENS?: string;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(MAX_BATCH_SIZE)
  INGEST_MAX_BATCH_SIZE = MAX_BATCH_SIZE;

  /** How long an idempotency key answers with the event it first accepted. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  IDEMPOTENCY_TTL_HOURS = 24;
}
