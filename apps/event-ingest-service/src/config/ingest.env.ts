import { IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { BaseEnv, IntegerEnv } from '@hookline/platform';
import { MAX_BATCH_SIZE } from '../events/dto/ingest-batch.dto';

export class IngestEnv extends BaseEnv {
  @IntegerEnv(1, 65_535) PORT = 3001;

  @IsString()
  @IsNotEmpty()
  DATABASE_URL!: string;

  /** `name:token,...`: product services that publish for any organization. */
  @IsOptional()
  @IsString()
  INGEST_SERVICE_TOKENS?: string;

  @IntegerEnv(1, MAX_BATCH_SIZE) INGEST_MAX_BATCH_SIZE = MAX_BATCH_SIZE;

  /** How long an idempotency key answers with the event it first accepted. */
  @IntegerEnv(1, 24 * 30) IDEMPOTENCY_TTL_HOURS = 24;
}
