import 'reflect-metadata';
import { runHttpService } from '@hookline/platform';
import { AppModule, SERVICE_NAME } from './app.module';
import { SubscriptionEnv } from './config/subscription.env';

runHttpService(SERVICE_NAME, SubscriptionEnv, (config) => ({
  module: AppModule.forRoot(config),
  title: 'Hookline subscription-service',
  description:
    'Organizations, API keys and webhooks (endpoints, events, signing secrets). Every change is published to hookline.subscriptions.v1 / hookline.api-keys.v1.',
  // The relay passes deliveries on byte for byte: their signatures cover the exact body.
  rawBody: true,
}));
