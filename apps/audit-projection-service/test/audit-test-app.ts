import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureHttpApp, loadConfig, runMigrations } from '@hookline/platform';
import type { TestEnvironment } from '@hookline/testing';
import { AppModule } from '../src/app.module';
import { AuditEnv } from '../src/config/audit.env';
import { auditDataSourceOptions } from '../src/database/data-source';

export interface AuditTestApp {
  app: INestApplication;
  baseUrl: string;
  close(): Promise<void>;
}

/** The whole service in-process, on a random loopback port, after migrating the run's database. */
export async function startAuditApp(env: TestEnvironment, consumerGroup: string): Promise<AuditTestApp> {
  await runMigrations(auditDataSourceOptions(env.databaseUrl));
  const config = loadConfig(AuditEnv, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    KAFKA_BROKERS: env.kafkaBrokers,
    DATABASE_URL: env.databaseUrl,
    AUDIT_CONSUMER_GROUP: consumerGroup,
    HOST: '127.0.0.1',
    PORT: '3002',
    // Tests prune explicitly, at the instant they choose.
    AUDIT_RETENTION_INTERVAL_MINUTES: '0',
  });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    logger: ['error', 'warn'],
  });
  configureHttpApp(app, { title: 'audit-projection-service (test)', description: 'integration test' });
  await app.listen(0, '127.0.0.1');
  return { app, baseUrl: await app.getUrl(), close: () => app.close() };
}
