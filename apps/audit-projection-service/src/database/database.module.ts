import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseReadiness } from '@hookline/platform';
import { AuditEnv } from '../config/audit.env';
import { auditDataSourceOptions } from './data-source';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AuditEnv],
      useFactory: (config: AuditEnv) => auditDataSourceOptions(config.DATABASE_URL),
    }),
  ],
  providers: [DatabaseReadiness],
  exports: [DatabaseReadiness],
})
export class DatabaseModule {}
