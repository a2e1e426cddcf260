import {
  Module,
  type DynamicModule,
  type InjectionToken,
  type ModuleMetadata,
  type Provider,
} from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { READINESS_CHECKS, type ReadinessCheck } from './readiness-check';
import { ShutdownState } from './shutdown-state';

export interface HealthModuleOptions {
  /** The modules that provide the checks (a global module's providers need not be listed). */
  imports?: ModuleMetadata['imports'];
  /** Checks that belong to no feature module, provided here. */
  providers?: Provider[];
  /** What `/health/ready` asks, in this order: each token is a provider of a `ReadinessCheck`. */
  checks: readonly InjectionToken[];
}

@Module({})
export class HealthModule {
  static forRoot(options: HealthModuleOptions): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false }), ...(options.imports ?? [])],
      controllers: [HealthController],
      providers: [
        {
          provide: READINESS_CHECKS,
          inject: [...options.checks],
          useFactory: (...checks: ReadinessCheck[]) => checks,
        },
        ShutdownState,
        ...(options.providers ?? []),
      ],
      exports: [ShutdownState],
    };
  }
}
