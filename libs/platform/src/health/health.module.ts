import { Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { READINESS_CHECKS, type ReadinessCheck } from './readiness-check';
import { ShutdownState } from './shutdown-state';

export interface HealthModuleOptions {
  imports?: ModuleMetadata['imports'];
  inject: Array<string | symbol | (abstract new (...args: never[]) => unknown)>;
  useFactory: (...deps: never[]) => ReadinessCheck[];
}

@Module({})
export class HealthModule {
  static forRoot(options: HealthModuleOptions): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false }), ...(options.imports ?? [])],
      controllers: [HealthController],
      providers: [
        { provide: READINESS_CHECKS, inject: options.inject, useFactory: options.useFactory },
        ShutdownState,
      ],
      exports: [ShutdownState],
    };
  }
}
