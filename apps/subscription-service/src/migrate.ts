import 'reflect-metadata';
import { runMigrations } from '@hookline/platform';
import { subscriptionDataSourceOptions } from './database/data-source';

async function migrate(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error('DATABASE_URL is not set; point it at the Postgres database of subscription-service');
  }
  const applied = await runMigrations(subscriptionDataSourceOptions(url));
  console.log(
    applied.length === 0
      ? 'subscription-service: schema is up to date'
      : `subscription-service: applied ${applied.join(', ')}`,
  );
}

migrate().catch((error: unknown) => {
  console.error(
    `subscription-service: migration failed: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
