import 'reflect-metadata';
import { bootstrapHttpService, httpProtectionFrom, loadConfig } from '@hookline/platform';
import { AppModule } from './app.module';
import { DeliveryEnv } from './config/delivery.env';

async function main(): Promise<void> {
  const config = loadConfig(DeliveryEnv);
  await bootstrapHttpService(AppModule.forRoot(config), {
    title: 'Hookline delivery service',
    description:
      'Fans domain events out to webhooks, signs and POSTs them, and records every attempt on hookline.attempts.v1. HTTP serves health and metrics only.',
    version: config.DELIVERY_USER_AGENT_VERSION,
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
