import { Transform } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, Matches, Max, Min } from 'class-validator';
import { BaseEnv } from '@hookline/platform';

const POSTGRES_URL = /^postgres(ql)?:\/\/\S+$/;

/** `npm run migrate` needs the database only, so it must not demand Kafka settings. */
export class AuditDatabaseEnv {
  @IsString()
  @Matches(POSTGRES_URL, { message: 'DATABASE_URL must be a postgres:// connection URL' })
  DATABASE_URL!: string;
}

export class AuditEnv extends BaseEnv {
  @IsString()
  @Matches(POSTGRES_URL, { message: 'DATABASE_URL must be a postgres:// connection URL' })
  DATABASE_URL!: string;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(65_535)
  PORT = 3002;

  /** The attempts projection's group; the webhook directory uses `<group>-webhooks`. */
  @IsString()
  @IsNotEmpty()
  AUDIT_CONSUMER_GROUP = 'hookline-audit-projection';
}
