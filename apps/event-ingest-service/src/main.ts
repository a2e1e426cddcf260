import 'reflect-metadata';
import { bootstrapHttpService, httpProtectionFrom, loadConfig } from '@hookline/platform';
import { AppModule } from './app.module';
import { IngestEnv } from './config/ingest.env';

async function main(): Promise<void> {
  const config = loadConfig(IngestEnv);
  await bootstrapHttpService(AppModule.forRoot(config), {
    title: 'Hookline event ingest API',
    description:
      'Publish domain events over HTTP; each is validated against the event catalog and written to Kafka.',
    port: config.PORT,
    host: config.HOST,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    protection: httpProtectionFrom(config),
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
