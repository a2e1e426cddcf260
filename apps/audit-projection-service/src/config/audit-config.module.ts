import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AuditEnv } from './audit.env';

/** Makes the validated environment injectable everywhere as `AuditEnv`. */
@Global()
@Module({})
export class AuditConfigModule {
  static forRoot(config: AuditEnv): DynamicModule {
    return {
      module: AuditConfigModule,
      providers: [{ provide: AuditEnv, useValue: config }],
      exports: [AuditEnv],
    };
  }
}
