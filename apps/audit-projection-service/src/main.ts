import 'reflect-metadata';
import { runHttpService } from '@hookline/platform';
import { AppModule, SERVICE_NAME } from './app.module';
import { AuditEnv } from './config/audit.env';

runHttpService(SERVICE_NAME, AuditEnv, (config) => ({
  module: AppModule.forRoot(config),
  title: 'Hookline audit projection',
  description:
    'Delivery log of every webhook: deliveries, attempts and payloads, projected from hookline.attempts.v1.',
  corsOrigins: config.PORTAL_ORIGINS.split(/[\s,]+/).filter(Boolean),
}));
