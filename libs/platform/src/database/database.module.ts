import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule, type TypeOrmModuleOptions } from '@nestjs/typeorm';
import { DatabaseReadiness } from './database.readiness';

/** A service's Postgres connection, with the readiness check that asks it, for every module. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: TypeOrmModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRoot(options)],
      providers: [DatabaseReadiness],
      exports: [DatabaseReadiness],
    };
  }
}
