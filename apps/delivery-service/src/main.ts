import 'reflect-metadata';
import { runHttpService } from '@hookline/platform';
import { AppModule } from './app.module';
import { DeliveryEnv } from './config/delivery.env';

runHttpService('delivery-service', DeliveryEnv, (config) => ({
  module: AppModule.forRoot(config),
  title: 'Hookline delivery service',
  description:
    'Fans domain events out to webhooks, signs and POSTs them, and records every attempt on hookline.attempts.v1. HTTP serves health and metrics only.',
  version: config.DELIVERY_USER_AGENT_VERSION,
}));
