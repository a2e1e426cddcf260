import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

/**
 * Validates the environment once, at boot, into a typed class. Every problem names its
 * variable, so a misconfigured deployment fails fast with a message an operator can act on.
 */
export function loadConfig<T extends object>(envClass: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const known = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const config = plainToInstance(envClass, known, {
    enableImplicitConversion: true,
    excludeExtraneousValues: false,
    exposeDefaultValues: true,
  });
  const errors = validateSync(config, { whitelist: true, skipMissingProperties: false });
  if (errors.length > 0) {
    throw new ConfigurationError(
      errors.map((error) => {
        const value = known[error.property];
        const shown = /SECRET|TOKEN|KEY|PASSWORD|PROXY_URL/.test(error.property)
          ? '(hidden)'
          : JSON.stringify(value ?? null);
        return `${error.property}=${shown}: ${Object.values(error.constraints ?? {}).join('; ')}`;
      }),
    );
  }
  return config;
}
