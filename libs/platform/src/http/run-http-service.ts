import type { DynamicModule } from '@nestjs/common';
import type { BaseEnv } from '../config/base-env';
import { loadConfig } from '../config/load-config';
import { bootstrapHttpService, type HttpServiceOptions } from './bootstrap-http-service';
import { httpProtectionFrom } from './http-protection';

/** What a service's `main` says about itself once its env is validated. */
export interface HttpServiceDescription extends HttpServiceOptions {
  module: DynamicModule;
}

/**
 * A service's whole `main`: validates its env, boots its module on its PORT with the shared HTTP
 * setup (host, shutdown budget, protection from the env), and exits 1 with one line naming the
 * service and the reason when it cannot start.
 */
export function runHttpService<Env extends BaseEnv & { PORT: number }>(
  service: string,
  envClass: new () => Env,
  describe: (config: Env) => HttpServiceDescription,
): void {
  const start = async (): Promise<void> => {
    const config = loadConfig(envClass);
    const { module, ...options } = describe(config);
    await bootstrapHttpService(module, {
      port: config.PORT,
      host: config.HOST,
      shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
      protection: httpProtectionFrom(config),
      ...options,
    });
  };
  start().catch((error: unknown) => {
    console.error(`${service} failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
