import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ATTEMPT_OUTCOMES, RETRY_TIERS, type AttemptOutcome } from '@hookline/contracts';

export const REQUEUE_REASONS = ['breaker_open', 'webhook_busy', 'rate_limited'] as const;
export type RequeueReason = (typeof REQUEUE_REASONS)[number];

export const DROP_REASONS = [
  'webhook_unknown',
  'webhook_disabled',
  'target_unknown',
  'target_other_organization',
  'command_webhook_unknown',
] as const;
export type DropReason = (typeof DROP_REASONS)[number];

/** The service's Prometheus series, registered in the registry `/metrics` serves. */
@Injectable()
export class DeliveryMetrics {
  readonly attempts: Counter<'outcome'>;
  readonly attemptDuration: Histogram<'outcome'>;
  readonly inFlightRequests: Gauge;
  readonly deadLettered: Counter<'topic'>;
  readonly routedWebhooks: Gauge;
  readonly rejectedWebhookStates: Counter;
  readonly rejectedDeliveryDefaults: Counter;
  readonly retriesScheduled: Counter<'tier'>;
  readonly tierHops: Counter<'tier'>;
  readonly requeued: Counter<'reason'>;
  readonly dropped: Counter<'reason'>;
  readonly exhausted: Counter;
  readonly recovered: Counter;
  readonly signals: Counter<'reason'>;
  readonly retryLateness: Histogram;
  readonly handlingFailures: Counter<'consumer'>;
  readonly unfinishedMessages: Gauge<'consumer'>;
  readonly openBreakers: Gauge;
  readonly orderedHeld: Gauge;
  readonly slotQueue: Gauge;
  readonly redeliveries: Counter<'outcome'>;
  private readonly gauges = new Map<string, () => number>();
  private openBreakersSource: () => number = () => 0;
  private orderedHeldSource: () => number = () => 0;
  private slotQueueSource: () => number = () => 0;

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
      help: 'Messages sent to the DLQ because they could not be parsed, validated, or were too large',
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
    this.rejectedDeliveryDefaults = new Counter({
      name: 'hookline_delivery_rejected_defaults_total',
      help: "hookline.delivery-defaults.v1 values that failed validation; the catalog's defaults apply instead",
      registers,
    });
    this.retriesScheduled = new Counter({
      name: 'hookline_delivery_retries_scheduled_total',
      help: 'Tasks written to a retry tier (after a failed attempt, or re-queued without one), by tier',
      labelNames: ['tier'],
      registers,
    });
    this.tierHops = new Counter({
      name: 'hookline_delivery_retry_tier_hops_total',
      help: 'Tasks moved to a shorter tier because they were not due yet, by destination tier',
      labelNames: ['tier'],
      registers,
    });
    this.requeued = new Counter({
      name: 'hookline_delivery_requeued_total',
      help: 'Deliveries put back without an attempt (breaker open, webhook at its concurrency cap, rate limited)',
      labelNames: ['reason'],
      registers,
    });
    this.dropped = new Counter({
      name: 'hookline_delivery_dropped_total',
      help: 'Deliveries or commands dropped without an attempt (webhook deleted or disabled, target unknown)',
      labelNames: ['reason'],
      registers,
    });
    this.exhausted = new Counter({
      name: 'hookline_delivery_exhausted_total',
      help: 'Deliveries that failed their last scheduled attempt',
      registers,
    });
    this.recovered = new Counter({
      name: 'hookline_delivery_recovered_total',
      help: 'Successes that ended a webhook failure streak',
      registers,
    });
    this.signals = new Counter({
      name: 'hookline_delivery_disable_signals_total',
      help: 'Requests to disable a webhook sent on hookline.signals.v1, by reason',
      labelNames: ['reason'],
      registers,
    });
    this.retryLateness = new Histogram({
      name: 'hookline_delivery_retry_lateness_seconds',
      help: 'How long after its due time a retry was attempted',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers,
    });
    this.handlingFailures = new Counter({
      name: 'hookline_delivery_consumer_failures_total',
      help: 'Messages whose outputs could not be written; their partition is re-read from the last commit',
      labelNames: ['consumer'],
      registers,
    });
    this.redeliveries = new Counter({
      name: 'hookline_delivery_redeliveries_total',
      help: 'Manual redelivery commands, by what came of them',
      labelNames: ['outcome'],
      registers,
    });
    const gauges = this.gauges;
    this.unfinishedMessages = new Gauge({
      name: 'hookline_delivery_unfinished_messages',
      help: 'Messages taken from Kafka whose work is not finished (not committed yet), by consumer',
      labelNames: ['consumer'],
      registers,
      collect() {
        for (const [consumer, read] of gauges) {
          this.set({ consumer }, read());
        }
      },
    });
    const readOpenBreakers = () => this.openBreakersSource();
    this.openBreakers = new Gauge({
      name: 'hookline_delivery_open_breakers',
      help: 'Webhooks whose circuit breaker is open or half-open',
      registers,
      collect() {
        this.set(readOpenBreakers());
      },
    });
    const readOrderedHeld = () => this.orderedHeldSource();
    this.orderedHeld = new Gauge({
      name: 'hookline_delivery_ordered_waiting',
      help: 'Ordered-webhook deliveries held in memory behind an earlier one of the same subject, or not yet due',
      registers,
      collect() {
        this.set(readOrderedHeld());
      },
    });
    const readSlotQueue = () => this.slotQueueSource();
    this.slotQueue = new Gauge({
      name: 'hookline_delivery_slot_queue',
      help: 'Deliveries waiting in memory for a slot of their webhook (at its maxConcurrency)',
      registers,
      collect() {
        this.set(readSlotQueue());
      },
    });
    // Every label value exists from the start, so rate() and alerts see a 0 rather than no series.
    for (const outcome of ATTEMPT_OUTCOMES) {
      this.attempts.inc({ outcome }, 0);
      this.attemptDuration.zero({ outcome });
    }
    for (const tier of RETRY_TIERS) {
      this.retriesScheduled.inc({ tier: tier.name }, 0);
      this.tierHops.inc({ tier: tier.name }, 0);
    }
    for (const reason of REQUEUE_REASONS) {
      this.requeued.inc({ reason }, 0);
    }
    for (const reason of DROP_REASONS) {
      this.dropped.inc({ reason }, 0);
    }
  }

  recordAttempt(outcome: AttemptOutcome, durationMs: number): void {
    this.attempts.inc({ outcome });
    this.attemptDuration.observe({ outcome }, durationMs / 1000);
  }

  watchUnfinished(consumer: string, read: () => number): void {
    this.gauges.set(consumer, read);
  }

  watchOpenBreakers(read: () => number): void {
    this.openBreakersSource = read;
  }

  watchOrderedHeld(read: () => number): void {
    this.orderedHeldSource = read;
  }

  watchSlotQueue(read: () => number): void {
    this.slotQueueSource = read;
  }
}
