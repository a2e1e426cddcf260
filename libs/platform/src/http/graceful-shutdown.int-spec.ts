import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Controller, Get, Injectable, Module, type BeforeApplicationShutdown } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { eventually } from '@hookline/testing';
import { Public } from '../auth/auth.decorators';
import { HealthModule } from '../health/health.module';
import { shutdownGracefully } from './graceful-shutdown';

const events: string[] = [];
let releaseSlow: () => void = () => undefined;
let drainHook: () => Promise<void> = async () => undefined;
let releaseDrain: () => void = () => undefined;

@Public()
@Controller('work')
class WorkController {
  @Get('slow')
  async slow(): Promise<{ done: true }> {
    events.push('slow request started');
    await new Promise<void>((resolve) => (releaseSlow = resolve));
    events.push('slow request answered');
    return { done: true };
  }
}

@Injectable()
class DrainingConsumer implements BeforeApplicationShutdown {
  async beforeApplicationShutdown(): Promise<void> {
    events.push('consumers draining');
    await drainHook();
    events.push('consumers drained');
  }
}

@Module({
  imports: [HealthModule.forRoot({ checks: [] })],
  controllers: [WorkController],
  providers: [DrainingConsumer],
})
class ShutdownTestModule {}

/** A GET over its own (keep-alive) connection; resolves to status and body. */
function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('graceful shutdown of an HTTP service', () => {
  const log = { log: jest.fn(), error: jest.fn() };
  let app: NestExpressApplication;
  let port: number;

  beforeEach(async () => {
    events.length = 0;
    drainHook = async () => undefined;
    app = await NestFactory.create<NestExpressApplication>(ShutdownTestModule, { logger: false });
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
    expect((await get(port, '/health/ready')).status).toBe(200);
  });

  afterEach(async () => {
    releaseSlow();
    releaseDrain();
    drainHook = async () => undefined;
    await app.close().catch(() => undefined);
  });

  it('turns readiness off at once, finishes the request in flight, refuses new connections, then drains the consumers and reports 0', async () => {
    const inFlight = get(port, '/work/slow');
    await eventually(() => expect(events).toContain('slow request started'));

    const exitCode = shutdownGracefully(app, { timeoutMs: 10_000, log });
    // Nothing has been drained yet, and the in-flight request is still being worked on.
    await expect(get(port, '/health/ready')).rejects.toThrow(/ECONNREFUSED/);
    expect(events).not.toContain('consumers draining');

    releaseSlow();
    await expect(inFlight).resolves.toEqual({ status: 200, body: '{"done":true}' });
    await expect(exitCode).resolves.toBe(0);
    expect(events).toEqual([
      'slow request started',
      'slow request answered',
      'consumers draining',
      'consumers drained',
    ]);
  });

  it('answers readiness with 503 on a connection that is still open when the shutdown begins', async () => {
    const { ShutdownState } = await import('../health/shutdown-state');
    app.get(ShutdownState).begin();
    const ready = await get(port, '/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toContain('shutting down');
    expect((await get(port, '/health/live')).status).toBe(200);
  });

  it('reports 1 when draining outlasts the timeout', async () => {
    drainHook = () => new Promise<void>((resolve) => (releaseDrain = resolve));
    await expect(shutdownGracefully(app, { timeoutMs: 1_000, log })).resolves.toBe(1);
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining('did not complete within'));
  });
});
