import type { AsyncLocalStorage } from 'node:async_hooks';
import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createLoggerModule } from './logger.module';

// The request logger's context store (nestjs-pino's own module).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { storage } = require('nestjs-pino/storage') as { storage: AsyncLocalStorage<unknown> };
/** Whether the store has been entered once, which turns on async hooks for the whole process. */
const storageEnabled = () => (storage as unknown as { enabled: boolean }).enabled;

@Controller()
class RoutesController {
  @Get('health/live')
  live() {
    return { status: 'ok' };
  }

  @Get('metrics')
  metrics() {
    return 'hookline_up 1';
  }

  @Get('v1/things')
  things() {
    return [];
  }
}

@Module({ imports: [createLoggerModule('test', 'silent')], controllers: [RoutesController] })
class TestModule {}

describe(createLoggerModule.name, () => {
  let app: INestApplication;
  let baseUrl: string;

  beforeAll(async () => {
    app = await NestFactory.create(TestModule, { logger: false });
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('keeps probes and scrapes out of the request logger, so they never turn async hooks on', async () => {
    expect(storageEnabled()).toBe(false);
    for (const path of ['/health/live', '/metrics']) {
      expect((await fetch(`${baseUrl}${path}`)).status).toBe(200);
    }
    expect(storageEnabled()).toBe(false);
    // An API request is logged with its context: the store is entered.
    expect((await fetch(`${baseUrl}/v1/things`)).status).toBe(200);
    expect(storageEnabled()).toBe(true);
  });
});
