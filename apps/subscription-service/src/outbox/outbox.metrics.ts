import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';

/** What the outbox relay does, for `/metrics`: an outage shows as failures rising and nothing published. */
@Injectable()
export class OutboxMetrics {
  readonly published: Counter;
  readonly publishFailures: Counter;
  readonly consecutiveFailures: Gauge;

  constructor(registry: Registry) {
    this.published = new Counter({
      name: 'hookline_outbox_published_total',
      help: 'Outbox rows published to Kafka and marked published',
      registers: [registry],
    });
    this.publishFailures = new Counter({
      name: 'hookline_outbox_publish_failures_total',
      help: 'Relay passes that could not publish (the rows stay and are retried with backoff)',
      registers: [registry],
    });
    this.consecutiveFailures = new Gauge({
      name: 'hookline_outbox_consecutive_failures',
      help: 'Failed relay passes since the last successful one; non-zero while Kafka is unreachable',
      registers: [registry],
    });
  }
}
