import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import type { AddressInfo } from 'node:net';
import { configureHttpApp, loadConfig } from '@hookline/platform';
import { AppModule } from '../src/app.module';
import { SubscriptionEnv } from '../src/config/subscription.env';

export interface RunningApp {
  app: INestApplication;
  baseUrl: string;
  config: SubscriptionEnv;
}

/**
 * The whole service in-process, on a random port, configured exactly as `main.ts` does;
 * `configure` may replace a provider (e.g. the relay's Kafka publisher).
 */
export async function startSubscriptionApp(
  env: Record<string, string>,
  configure: (builder: TestingModuleBuilder) => TestingModuleBuilder = (builder) => builder,
): Promise<RunningApp> {
  const config = loadConfig(SubscriptionEnv, { NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env });
  const moduleRef = await configure(
    Test.createTestingModule({ imports: [AppModule.forRoot(config)] }),
  ).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({
    bodyParser: false,
    logger: ['error', 'warn'],
  });
  configureHttpApp(app, { title: 'subscription-service', description: 'under test' });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, baseUrl: `http://127.0.0.1:${port}`, config };
}
