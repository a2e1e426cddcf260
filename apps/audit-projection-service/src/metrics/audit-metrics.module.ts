import { Global, Module } from '@nestjs/common';
import { AuditMetrics } from './audit.metrics';

@Global()
@Module({ providers: [AuditMetrics], exports: [AuditMetrics] })
export class AuditMetricsModule {}
