import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ATTEMPT_OUTCOMES, type AttemptOutcome } from '@hookline/contracts';

/** The service's Prometheus series, registered in the registry `/metrics` serves. */
@Injectable()
export class DeliveryMetrics {
  readonly attempts: Counter<'outcome'>;
  readonly attemptDuration: Histogram<'outcome'>;
  readonly inFlightRequests: Gauge;
  readonly deadLettered: Counter<'topic'>;
  readonly routedWebhooks: Gauge;
  readonly rejectedWebhookStates: Counter;

  constructor(registry: Registry) {
    const registers = [registry];
    this.attempts = new Counter({
      name: 'hookline_delivery_attempts_total',
      help: 'HTTP delivery attempts, by outcome',
      labelNames: ['outcome'],
      registers,
    });
    this.attemptDuration = new Histogram({
      name: 'hookline_delivery_attempt_duration_seconds',
      help: 'Duration of delivery attempts, from connect to the end of the (capped) response body',
      labelNames: ['outcome'],
      buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30, 60],
      registers,
    });
    this.inFlightRequests = new Gauge({
      name: 'hookline_delivery_in_flight_requests',
      help: 'HTTP requests to endpoints currently in flight',
      registers,
    });
    this.deadLettered = new Counter({
      name: 'hookline_delivery_dlq_total',
      help: 'Domain messages sent to the DLQ because they could not be parsed or validated',
      labelNames: ['topic'],
      registers,
    });
    this.routedWebhooks = new Gauge({
      name: 'hookline_delivery_routing_webhooks',
      help: 'Webhooks held in the routing table',
      registers,
    });
    this.rejectedWebhookStates = new Counter({
      name: 'hookline_delivery_routing_rejected_states_total',
      help: 'hookline.subscriptions.v1 values that failed validation; the webhook is left out of routing',
      registers,
    });
    // Every outcome exists from the start, so rate() and alerts see a 0 rather than no series.
    for (const outcome of ATTEMPT_OUTCOMES) {
      this.attempts.inc({ outcome }, 0);
      this.attemptDuration.zero({ outcome });
    }
  }

  recordAttempt(outcome: AttemptOutcome, durationMs: number): void {
    this.attempts.inc({ outcome });
    this.attemptDuration.observe({ outcome }, durationMs / 1000);
  }
}
