import { Module } from '@nestjs/common';
import { AuditEnv } from '../config/audit.env';
import { RetentionPolicy } from './retention-policy';
import { RetentionRepository } from './retention.repository';
import { RetentionScheduler } from './retention.scheduler';
import { RetentionService } from './retention.service';

export function retentionPolicyFrom(config: AuditEnv): RetentionPolicy {
  return new RetentionPolicy({
    payloadDays: config.AUDIT_PAYLOAD_RETENTION_DAYS,
    attemptDays: config.AUDIT_ATTEMPT_RETENTION_DAYS,
    statsDays: config.AUDIT_STATS_RETENTION_DAYS,
  });
}

@Module({
  providers: [
    { provide: RetentionPolicy, inject: [AuditEnv], useFactory: retentionPolicyFrom },
    RetentionRepository,
    RetentionService,
    RetentionScheduler,
  ],
  exports: [RetentionPolicy, RetentionService],
})
export class RetentionModule {}
