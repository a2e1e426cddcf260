import 'reflect-metadata';
import { bootstrapHttpService, httpProtectionFrom, loadConfig } from '@hookline/platform';
import { AppModule } from './app.module';
import { SubscriptionEnv } from './config/subscription.env';

async function main(): Promise<void> {
  const config = loadConfig(SubscriptionEnv);
  await bootstrapHttpService(AppModule.forRoot(config), {
    title: 'Hookline subscription-service',
    description:
      'Organizations, API keys and webhooks (endpoints, events, signing secrets). Every change is published to hookline.subscriptions.v1 / hookline.api-keys.v1.',
    port: config.PORT,
    host: config.HOST,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    protection: httpProtectionFrom(config),
    // The relay passes deliveries on byte for byte: their signatures cover the exact body.
    rawBody: true,
  });
}

main().catch((error: unknown) => {
  console.error(
    `subscription-service failed to start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
