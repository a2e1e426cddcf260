import type { DataSourceOptions } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { SnakeCaseNamingStrategy } from './snake-case-naming.strategy';

export interface ServiceDatabaseOptions {
  url: string;
  /** The service's own schema; no service reads another's. */
  schema: string;
  entities: NonNullable<PostgresConnectionOptions['entities']>;
  migrations: NonNullable<PostgresConnectionOptions['migrations']>;
  poolSize?: number;
}

/**
 * TypeORM options shared by every service: one schema, migrations only, never synchronize, and
 * snake_case column names derived from the entities' property names.
 */
export function serviceDataSourceOptions(options: ServiceDatabaseOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeCaseNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    logging: ['error'],
    extra: { max: options.poolSize ?? 10, connectionTimeoutMillis: 5_000 },
    applicationName: `hookline-${options.schema}`,
  };
}
