import 'reflect-metadata';
import { bootstrapHttpService, loadConfig } from '@hookline/platform';
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
    // The relay passes deliveries on byte for byte: their signatures cover the exact body.
    rawBody: true,
  });
  // Nest closes the app on these signals; this bounds how long a hung dependency can delay the exit.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => setTimeout(() => process.exit(1), config.SHUTDOWN_TIMEOUT_MS).unref());
  }
}

main().catch((error: unknown) => {
  console.error(
    `subscription-service failed to start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
