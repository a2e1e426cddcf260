import { Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';

/** The service's own Prometheus series, registered in the registry `/metrics` serves. */
@Injectable()
export class AuditMetrics {
  readonly attemptsProjected: Counter<'result'>;
  readonly deadLettered: Counter<'topic'>;

  constructor(registry: Registry) {
    this.attemptsProjected = new Counter({
      name: 'hookline_audit_attempts_projected_total',
      help: 'Attempt events handled: stored for the first time, or replays that changed nothing',
      labelNames: ['result'],
      registers: [registry],
    });
    this.deadLettered = new Counter({
      name: 'hookline_audit_dlq_total',
      help: 'Messages sent to the DLQ because they could not be parsed or validated',
      labelNames: ['topic'],
      registers: [registry],
    });
  }
}
