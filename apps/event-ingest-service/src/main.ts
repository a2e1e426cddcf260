import 'reflect-metadata';
import { runHttpService } from '@hookline/platform';
import { AppModule } from './app.module';
import { IngestEnv } from './config/ingest.env';

runHttpService('event-ingest-service', IngestEnv, (config) => ({
  module: AppModule.forRoot(config),
  // Its requests are the platform's whole load: Fastify's per-request cost is a fraction of Express's.
  framework: 'fastify',
  title: 'Hookline event ingest API',
  description:
    'Publish domain events over HTTP; each is validated against the event catalog and written to Kafka.',
}));
