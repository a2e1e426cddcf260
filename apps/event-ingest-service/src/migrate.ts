import 'reflect-metadata';
import { runMigrations } from '@hookline/platform';
import { ingestDataSourceOptions } from './database/data-source';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error('DATABASE_URL is required to run migrations');
  }
  const applied = await runMigrations({ ...ingestDataSourceOptions(url), schema: 'ingest' });
  console.log(
    `event-ingest-service: ${applied.length} migration(s) applied${applied.length ? `: ${applied.join(', ')}` : ''}`,
  );
}

main().catch((error: unknown) => {
  console.error(`event-ingest-service: migration failed: ${(error as Error).message}`);
  process.exit(1);
});
