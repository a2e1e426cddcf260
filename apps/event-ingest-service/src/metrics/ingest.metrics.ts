import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry } from 'prom-client';

/** What ingest accepts and refuses, for `/metrics`; types are the catalog's, so the labels are bounded. */
@Injectable()
export class IngestMetrics {
  readonly accepted: Counter<'type'>;
  readonly refused: Counter;
  readonly idempotentReplays: Counter;
  readonly publishDuration: Histogram;

  constructor(registry: Registry) {
    this.accepted = new Counter({
      name: 'hookline_ingest_events_accepted_total',
      help: 'Events written to their domain topic and acknowledged by Kafka, by event type',
      labelNames: ['type'],
      registers: [registry],
    });
    this.refused = new Counter({
      name: 'hookline_ingest_events_refused_total',
      help: 'Events refused by the catalog checks (unknown or platform type, data breaking the contract)',
      registers: [registry],
    });
    this.idempotentReplays = new Counter({
      name: 'hookline_ingest_idempotent_replays_total',
      help: 'Events answered with the id of an earlier request with the same idempotencyKey, not written again',
      registers: [registry],
    });
    this.publishDuration = new Histogram({
      name: 'hookline_ingest_publish_duration_seconds',
      help: 'Time from handing a request’s events to Kafka until every write was acknowledged',
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
  }
}
