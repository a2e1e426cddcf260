import 'reflect-metadata';
import { loadConfig, runMigrations } from '@hookline/platform';
import { AuditDatabaseEnv } from './config/audit.env';
import { auditDataSourceOptions } from './database/data-source';

async function migrate(): Promise<void> {
  const config = loadConfig(AuditDatabaseEnv);
  const applied = await runMigrations(auditDataSourceOptions(config.DATABASE_URL));
  console.log(
    applied.length > 0
      ? `audit-projection-service: applied migrations ${applied.join(', ')}`
      : 'audit-projection-service: schema audit is up to date',
  );
}

migrate().then(
  () => process.exit(0),
  (error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`audit-projection-service: migrations failed: ${reason}`);
    process.exit(1);
  },
);
