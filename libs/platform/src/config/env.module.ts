import { Global, Module, type DynamicModule, type FactoryProvider, type Type } from '@nestjs/common';

/**
 * Makes a service's validated environment injectable everywhere under its own class, with the
 * objects built from it (`derived`), so a feature asks for what it uses instead of rebuilding it.
 */
@Global()
@Module({})
export class EnvModule {
  static forRoot<Env extends object>(
    envClass: Type<Env>,
    config: Env,
    derived: readonly FactoryProvider[] = [],
  ): DynamicModule {
    return {
      module: EnvModule,
      providers: [{ provide: envClass, useValue: config }, ...derived],
      exports: [envClass, ...derived.map((provider) => provider.provide)],
    };
  }
}
