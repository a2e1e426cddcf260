import { Injectable, Logger } from '@nestjs/common';
import {
  ATTEMPT_EVENT_SCHEMA,
  ATTEMPT_START_SCHEMA,
  DELIVERY_HELD_SCHEMA,
  KafkaHeaders,
  Topics,
  findEventType,
  type AttemptEvent,
  type AttemptStart,
  type DeliveryHeld,
  type EventEnvelope,
  type WebhookState,
} from '@hookline/contracts';
import { OutputSink, type TopicBatch } from '@hookline/kafka';
import {
  AttemptDelivery,
  notSentResult,
  type AttemptInput,
  type AttemptResult,
} from '../attempts/attempt-delivery';
import { deliveryRefOf } from '../attempts/delivery-ref-of';
import { toAttemptEvent } from '../attempts/to-attempt-event';
import { DeliveryEnv } from '../config/delivery.env';
import { OrganizationDefaults } from '../delivery-defaults/organization-defaults.service';
import { EndpointHealth, type HealthVerdict } from '../isolation/endpoint-health';
import { FairScheduler } from '../isolation/fair-scheduler';
import { WebhookLimiter } from '../isolation/webhook-limiter';
import { DeliveryMetrics, type RequeueReason } from '../metrics/delivery.metrics';
import { chooseTier } from '../retry-policy/choose-tier';
import { decideNextStep, deliveryStatusOf, type NextStep } from '../retry-policy/decide-next-step';
import { resolveDeliveryPolicy, type DeliveryPolicy } from '../retry-policy/resolve-delivery-policy';
import { tierBatchOf, type RetryTask } from './retry-task';
import { disableSignalBatch } from './disable-signal';
import { backfillMark, jobFromTask, taskFor, type DeliveryJob } from './delivery-job';
import {
  deliveryExhaustedEvent,
  deliveryRecoveredEvent,
  isAboutPlatformEvent,
  operationalEventBatch,
} from './operational-events';

/** What came of one step of a delivery. */
export type DeliveryStep =
  | {
      kind: 'attempted';
      attemptEvent: AttemptEvent;
      next: NextStep;
      /** Disable signals and operational events this attempt gave rise to. */
      sideEffects: TopicBatch[];
    }
  /**
   * Not attempted and not counted (breaker open, webhook at its cap, rate limited): same attempt at
   * `dueAtMs`. A hold the log should show (an open breaker) comes with its notice.
   */
  | { kind: 'deferred'; dueAtMs: number; reason: RequeueReason; notice: TopicBatch | null };

/**
 * The rules of one delivery step: breaker, per-webhook limits, the attempt, the webhook's health,
 * what comes next (retry schedule, Retry-After, expiry), and what that step writes to Kafka.
 */
/** A due task: its job to attempt, or what closes it without an attempt (see `DeliveryService.admit`). */
export type Admission = { kind: 'job'; job: DeliveryJob } | { kind: 'finished'; outputs: TopicBatch[] };

@Injectable()
export class DeliveryService {
  private readonly logger = new Logger(DeliveryService.name);

  constructor(
    private readonly attempts: AttemptDelivery,
    private readonly limiter: WebhookLimiter,
    private readonly slots: FairScheduler,
    private readonly health: EndpointHealth,
    private readonly sink: OutputSink,
    private readonly metrics: DeliveryMetrics,
    private readonly config: DeliveryEnv,
    private readonly organizationDefaults: OrganizationDefaults,
  ) {}

  /** Durable before the request goes out: see `RecordStart`. */
  private readonly recordStart = (start: AttemptStart): Promise<void> =>
    this.sink.publish([attemptStartBatch(start)]);

  /**
   * Attempts `job` unless its webhook's breaker is open or the limiter refuses it a slot (see
   * WebhookLimiter). Writes nothing: the caller decides where the outcome goes (tiers, or the ordered lane).
   */
  async attempt(job: DeliveryJob): Promise<DeliveryStep> {
    const input = attemptInputOf(job);
    const policy = await this.policyOf(job);
    const { expiresAtMs } = policy;
    // An expired event needs no slot: the attempt ends as `expired` without a request.
    if (hasExpired(expiresAtMs)) {
      return this.attempted(job, expiredResult(expiresAtMs), false, policy);
    }
    let probe = false;
    if (job.mode === 'scheduled') {
      const permit = this.health.permit(job.webhook.id, Date.now());
      if (!permit.allowed) {
        return this.held(job, permit.retryAtMs, expiresAtMs);
      }
      probe = permit.probe;
    }
    const lease = await this.limiter.acquire(job.webhook);
    if (!lease.ok) {
      if (probe) {
        this.health.releaseProbe(job.webhook.id);
      }
      return this.deferred(lease.retryAtMs, lease.reason, expiresAtMs);
    }
    let result: AttemptResult;
    try {
      // Slots are shared fairly between organizations, and waiting for one can outlast the event.
      result = await this.slots.use(job.webhook.organizationId, () =>
        hasExpired(expiresAtMs)
          ? Promise.resolve(expiredResult(expiresAtMs))
          : this.attempts.execute(input, this.recordStart),
      );
    } catch (error) {
      if (probe) {
        this.health.releaseProbe(job.webhook.id);
      }
      throw error;
    } finally {
      lease.release();
    }
    return this.attempted(job, result, probe, policy);
  }

  /**
   * The schedule and expiry `job` runs under. Waits, once after start, until the organizations'
   * defaults are read: a delivery made before could apply the catalog's where the organization set its own.
   */
  private async policyOf(job: DeliveryJob): Promise<DeliveryPolicy> {
    await this.organizationDefaults.ready;
    const { organizationId, type } = job.event;
    return resolveDeliveryPolicy(job.webhook, job.event, {
      organization: this.organizationDefaults.of(organizationId, type),
      eventType: findEventType(type),
    });
  }

  /** Attempts `job` and writes its attempt event with the next retry task (or its re-queue) in one request. */
  async deliver(job: DeliveryJob): Promise<void> {
    const step = await this.attempt(job);
    await this.sink.publish(this.unorderedOutputs(job, step));
  }

  /**
   * What becomes of a task that was queued (retry tier, ordered lane) now that it is due: its job,
   * or nothing to attempt because its webhook is gone (dropped, nothing written) or was disabled
   * meanwhile (closed with `cancellation`). `pending` names what is cancelled, for the record.
   */
  admit(task: RetryTask, webhook: WebhookState | null, pending: string): Admission {
    if (webhook === null) {
      this.metrics.dropped.inc({ reason: 'webhook_unknown' });
      this.logger.warn(
        `Dropped attempt ${task.attempt} of delivery ${task.deliveryId}: webhook ${task.webhookId} no longer exists`,
      );
      return { kind: 'finished', outputs: [] };
    }
    const job = jobFromTask(task, webhook);
    // Targeted events (activation tests) ignore the active flag, as their first attempt did.
    if (!webhook.active && !task.event.target) {
      return {
        kind: 'finished',
        outputs: this.cancellation(job, `the webhook is disabled; ${pending} are cancelled`),
      };
    }
    return { kind: 'job', job };
  }

  /** Closes a delivery whose webhook was disabled meanwhile: a `blocked` record, status `failed`, no request. */
  cancellation(job: DeliveryJob, why: string): TopicBatch[] {
    this.metrics.dropped.inc({ reason: 'webhook_disabled' });
    const result = notSentResult('blocked', `not sent: ${why}`);
    const attemptEvent = {
      ...toAttemptEvent(attemptInputOf(job), result, { deliveryStatus: 'failed', nextAttemptAt: null }),
      ...backfillMark(job.backfillId),
    };
    return [attemptBatch(attemptEvent)];
  }

  /** Outputs of a step for webhooks without ordering: retries and re-queues go to the retry tier that fits. */
  unorderedOutputs(job: DeliveryJob, step: DeliveryStep): TopicBatch[] {
    const now = Date.now();
    if (step.kind === 'deferred') {
      const requeue = this.tierBatch(this.taskAfter(job, job.attempt, step.dueAtMs), now);
      return step.notice === null ? [requeue] : [step.notice, requeue];
    }
    const batches = attemptedOutputs(step);
    if (step.next.kind === 'retry') {
      batches.push(this.tierBatch(this.taskAfter(job, job.attempt + 1, step.next.dueAtMs), now));
    }
    return batches;
  }

  /** The task that brings `job` back, carrying the webhook's failure streak. */
  taskAfter(job: DeliveryJob, attempt: number, dueAtMs: number): RetryTask {
    return taskFor(job, attempt, dueAtMs, this.health.failingSince(job.webhook.id) ?? job.failingSinceMs);
  }

  /** A task on the tier that fits the time left until it is due. */
  tierBatch(task: RetryTask, nowMs: number): TopicBatch {
    const tier = chooseTier(Date.parse(task.dueAt) - nowMs);
    this.metrics.retriesScheduled.inc({ tier: tier.name });
    return tierBatchOf(task, tier.name);
  }

  private deferred(retryAtMs: number, reason: RequeueReason, expiresAtMs: number | null): DeliveryStep {
    this.metrics.requeued.inc({ reason });
    const dueAtMs = expiresAtMs !== null ? Math.min(retryAtMs, expiresAtMs) : retryAtMs;
    return { kind: 'deferred', dueAtMs, reason, notice: null };
  }

  /** Held behind the webhook's open breaker: the log shows the delivery waiting, and until when. */
  private held(job: DeliveryJob, retryAtMs: number, expiresAtMs: number | null): DeliveryStep {
    const step = this.deferred(retryAtMs, 'breaker_open', expiresAtMs);
    if (step.kind !== 'deferred' || isAboutPlatformEvent(job.event.type)) {
      return step;
    }
    const notice: DeliveryHeld = {
      ...deliveryRefOf(job),
      attempt: job.attempt,
      heldAt: new Date().toISOString(),
      reason: 'circuit_open',
      nextAttemptAt: new Date(step.dueAtMs).toISOString(),
      eventOccurredAt: job.event.occurredAt,
      payload: job.payload.payload,
    };
    return { ...step, notice: heldBatch(notice) };
  }

  private attempted(
    job: DeliveryJob,
    result: AttemptResult,
    probe: boolean,
    policy: DeliveryPolicy,
  ): DeliveryStep {
    const now = new Date();
    const reachedNetwork = result.outcome !== 'expired' && result.outcome !== 'blocked';
    let verdict: HealthVerdict = { recoveredAfter: null, disable: null };
    if (reachedNetwork) {
      verdict = this.health.record(job.webhook, result.outcome, result.responseStatus, now.getTime(), probe, {
        failingSinceMs: job.failingSinceMs,
        failedAttemptsBefore: job.mode === 'scheduled' ? job.attempt - 1 : 0,
      });
    } else if (probe) {
      this.health.releaseProbe(job.webhook.id);
    }
    const next = decideNextStep({
      deliveryId: job.deliveryId,
      attempt: job.attempt,
      outcome: result.outcome,
      responseStatus: result.responseStatus,
      responseHeaders: result.responseHeaders,
      policy: policy.retryPolicy,
      mode: job.mode,
      nowMs: now.getTime(),
      expiresAtMs: policy.expiresAtMs,
      maxRetryAfterMs: this.config.DELIVERY_RETRY_AFTER_MAX_SECONDS * 1_000,
    });
    const attemptEvent = {
      ...toAttemptEvent(attemptInputOf(job), result, {
        deliveryStatus: deliveryStatusOf(next),
        nextAttemptAt: next.kind === 'retry' ? new Date(next.dueAtMs) : null,
      }),
      ...backfillMark(job.backfillId),
    };
    return {
      kind: 'attempted',
      attemptEvent,
      next,
      sideEffects: this.sideEffects(job, result, next, verdict, now),
    };
  }

  private sideEffects(
    job: DeliveryJob,
    result: AttemptResult,
    next: NextStep,
    verdict: HealthVerdict,
    now: Date,
  ): TopicBatch[] {
    const batches: TopicBatch[] = [];
    if (verdict.disable) {
      this.metrics.signals.inc({ reason: verdict.disable.reason });
      batches.push(disableSignalBatch(job.webhook, verdict.disable.reason, verdict.disable.detail, now));
    }
    const context = {
      organizationId: job.webhook.organizationId,
      webhookId: job.webhook.id,
      deliveryId: job.deliveryId,
      at: now,
    };
    const events: EventEnvelope[] = [];
    const exhausted = next.kind === 'gave-up' && job.mode === 'scheduled';
    if (exhausted) {
      this.metrics.exhausted.inc();
    }
    if (verdict.recoveredAfter !== null) {
      this.metrics.recovered.inc();
    }
    if (isAboutPlatformEvent(job.event.type)) {
      return batches;
    }
    if (exhausted) {
      events.push(
        deliveryExhaustedEvent(context, {
          eventId: job.event.id,
          eventType: job.event.type,
          attempts: job.attempt,
          lastResponseStatus: result.responseStatus,
          lastError: result.responseStatus === null ? result.error : null,
        }),
      );
    }
    if (verdict.recoveredAfter !== null) {
      events.push(
        deliveryRecoveredEvent(context, {
          eventId: job.event.id,
          failedAttemptsBefore: verdict.recoveredAfter,
        }),
      );
    }
    if (events.length > 0) {
      batches.push(operationalEventBatch(events));
    }
    return batches;
  }
}

function attemptInputOf({ deliveryId, attempt, event, webhook, payload }: DeliveryJob): AttemptInput {
  return { deliveryId, attempt, event, webhook, payload };
}

export function attemptBatch(attemptEvent: AttemptEvent): TopicBatch {
  return {
    topic: Topics.attempts,
    messages: [
      {
        key: attemptEvent.deliveryId,
        value: attemptEvent,
        headers: { [KafkaHeaders.schema]: ATTEMPT_EVENT_SCHEMA },
      },
    ],
  };
}

export function attemptStartBatch(start: AttemptStart): TopicBatch {
  return {
    topic: Topics.attempts,
    messages: [
      { key: start.deliveryId, value: start, headers: { [KafkaHeaders.schema]: ATTEMPT_START_SCHEMA } },
    ],
  };
}

function heldBatch(held: DeliveryHeld): TopicBatch {
  return {
    topic: Topics.attempts,
    messages: [
      { key: held.deliveryId, value: held, headers: { [KafkaHeaders.schema]: DELIVERY_HELD_SCHEMA } },
    ],
  };
}

/** What an attempt writes wherever its next step goes: its attempt event, then signals and events. */
export function attemptedOutputs(step: Extract<DeliveryStep, { kind: 'attempted' }>): TopicBatch[] {
  return [attemptBatch(step.attemptEvent), ...step.sideEffects];
}

function hasExpired(expiresAtMs: number | null): expiresAtMs is number {
  return expiresAtMs !== null && expiresAtMs <= Date.now();
}

function expiredResult(expiresAtMs: number): AttemptResult {
  return notSentResult(
    'expired',
    `event expired at ${new Date(expiresAtMs).toISOString()}; no attempt is made after its expiry`,
  );
}
