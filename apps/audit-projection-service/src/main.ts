import 'reflect-metadata';
import { bootstrapHttpService, httpProtectionFrom, loadConfig } from '@hookline/platform';
import { AppModule, SERVICE_NAME } from './app.module';
import { AuditEnv } from './config/audit.env';

async function bootstrap(): Promise<void> {
  const config = loadConfig(AuditEnv);
  await bootstrapHttpService(AppModule.forRoot(config), {
    title: 'Hookline audit projection',
    description:
      'Delivery log of every webhook: deliveries, attempts and payloads, projected from hookline.attempts.v1.',
    corsOrigins: config.PORTAL_ORIGINS.split(/[\s,]+/).filter(Boolean),
    port: config.PORT,
    host: config.HOST,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    protection: httpProtectionFrom(config),
  });
}

bootstrap().catch((error: unknown) => {
  console.error(`${SERVICE_NAME} failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
