import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The service's own Prometheus series, registered in the registry `/metrics` serves. */
@Injectable()
export class AuditMetrics {
  readonly attemptsProjected: Counter<'result'>;
  readonly batchSize: Histogram;
  readonly projectionLag: Gauge;
  readonly deadLettered: Counter<'topic'>;
  readonly retentionPruned: Counter<'table'>;
  readonly commandsSent: Counter<'kind'>;

  constructor(registry: Registry) {
    this.attemptsProjected = countedBy(
      registry,
      'result',
      'hookline_audit_attempts_projected_total',
      'Attempt events handled: stored for the first time, replays that changed nothing, or past retention and skipped; and attempts recorded as interrupted (started, no outcome ever came)',
    );
    this.batchSize = new Histogram({
      name: 'hookline_audit_projection_batch_size',
      help: 'Valid attempt events per projected batch (one transaction each)',
      buckets: [1, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000],
      registers: [registry],
    });
    this.projectionLag = new Gauge({
      name: 'hookline_audit_projection_lag_seconds',
      help: 'When the last batch committed: now minus the start of its newest attempt',
      registers: [registry],
    });
    this.deadLettered = countedBy(
      registry,
      'topic',
      'hookline_audit_dlq_total',
      'Messages sent to the DLQ because they could not be parsed or validated',
    );
    this.retentionPruned = countedBy(
      registry,
      'table',
      'hookline_audit_retention_pruned_rows_total',
      'Rows removed because they were past their retention',
    );
    this.commandsSent = countedBy(
      registry,
      'kind',
      'hookline_audit_commands_sent_total',
      'Delivery commands produced to hookline.commands.v1',
    );
  }
}

/** A counter of `registry` with one label: every counter of the service is split by exactly one. */
function countedBy<Label extends string>(
  registry: Registry,
  label: Label,
  name: string,
  help: string,
): Counter<Label> {
  return new Counter({ name, help, labelNames: [label], registers: [registry] });
}
