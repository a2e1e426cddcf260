import { Logger } from '@nestjs/common';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import {
  BACKFILL_PROGRESS_SCHEMA,
  KafkaHeaders,
  Topics,
  backfillProgressKey,
  type BackfillProgress,
  type BackfillRequest,
  type EventEnvelope,
} from '@hookline/contracts';
import { createGroupConsumer, type OutputSink } from '@hookline/kafka';
import { serializePayload } from '../attempts/serialize-payload';
import { checkEventData, parseDomainMessage } from '../dispatch/parse-domain-message';
import { orderedLaneBatch } from '../ordering/ordered-lane-batch';
import { firstAttemptJob, taskFor } from '../pipeline/delivery-job';
import type { DeliveryService } from '../pipeline/delivery.service';
import type { RoutingService } from '../routing/routing.service';
import { matchEndpoints } from '../routing/match-endpoints';
import type { BackfillRate } from './backfill-rate';
import { stepAt, topicsOfBackfill } from './backfill-window';

export interface BackfillRunDeps {
  kafka: Kafka;
  sink: OutputSink;
  deliveries: DeliveryService;
  routing: RoutingService;
  rate: BackfillRate;
  groupPrefix: string;
  maxEventBytes: number;
  /** Deliveries handed over before a checkpoint is written (with the messages read before them). */
  checkpointEvery: number;
}

/** How long a backfill whose webhook is disabled (or not routed yet) waits before looking again. */
const WEBHOOK_WAIT_MS = 1_000;

/**
 * One backfill in this process: reads its window of the domain partitions Kafka assigns to this
 * replica (one consumer group per backfill), hands the events the webhook takes to the delivery
 * pipeline at the backfill rate, and writes each partition's progress once the deliveries before it
 * are recorded. That record is where a restart resumes; offsets are never committed to the group.
 */
export class BackfillRun {
  private readonly logger = new Logger(BackfillRun.name);
  private readonly consumer: Consumer;
  private readonly positions = new Map<string, BackfillProgress>();
  private stopping = false;
  private webhookGone = false;
  private finishedResolve!: () => void;
  /** Resolves when every partition of the plan is done (or the run is stopped). */
  readonly finished = new Promise<void>((resolve) => (this.finishedResolve = resolve));

  constructor(
    readonly request: BackfillRequest,
    plan: readonly BackfillProgress[],
    private readonly deps: BackfillRunDeps,
  ) {
    for (const position of plan) {
      this.positions.set(`${position.topic}:${position.partition}`, position);
    }
    this.consumer = createGroupConsumer(deps.kafka, {
      groupId: this.groupId,
      retries: Number.MAX_SAFE_INTEGER,
      // Small fetches: a batch is read at the backfill rate, and its checkpoint comes sooner.
      maxBytesPerPartition: 256 * 1024,
    });
  }

  get groupId(): string {
    return `${this.deps.groupPrefix}-backfill-${this.request.id}`;
  }

  get isDone(): boolean {
    return [...this.positions.values()].every((position) => position.done);
  }

  /** The webhook was deleted: there is nothing to deliver to, and its backfills went with it. */
  get isOrphaned(): boolean {
    return this.webhookGone;
  }

  async start(): Promise<void> {
    // Partitions with no record yet say so, empty windows as done: the total is known from the start.
    await this.publishProgress([...this.positions.values()]);
    if (this.isDone) {
      this.finishedResolve();
      return;
    }
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: topicsOfBackfill(this.request.eventTypes), fromBeginning: true });
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) =>
      this.seekAssigned(payload.memberAssignment),
    );
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.handleBatch(payload),
    });
  }

  /** Stops reading; deliveries already handed over finish and are checkpointed first. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.consumer.disconnect();
    this.finishedResolve();
  }

  /** Forgets the group once the backfill is over: it only ever served this backfill. */
  async removeGroup(): Promise<void> {
    const admin = this.deps.kafka.admin();
    await admin.connect();
    try {
      await admin.deleteGroups([this.groupId]).catch(() => undefined);
    } finally {
      await admin.disconnect();
    }
  }

  // Where the window resumes; the offset check in `handleBatch` keeps it right even if a seek is lost.
  private seekAssigned(assignment: Record<string, number[]>): void {
    for (const [topic, partitions] of Object.entries(assignment)) {
      for (const partition of partitions) {
        const position = this.positions.get(`${topic}:${partition}`);
        if (position !== undefined && !position.done) {
          this.consumer.seek({ topic, partition, offset: position.nextOffset });
        }
      }
    }
  }

  private async handleBatch({ batch, resolveOffset, heartbeat, pause }: EachBatchPayload): Promise<void> {
    const position = this.positions.get(`${batch.topic}:${batch.partition}`);
    if (position === undefined || position.done) {
      pause();
      return;
    }
    const pending: Array<Promise<unknown>> = [];
    let handedOver = 0;
    const checkpoint = async (next: bigint, counts: Counts) => {
      await Promise.all(pending.splice(0));
      position.nextOffset = next.toString();
      position.scanned += counts.scanned;
      position.matched += counts.matched;
      position.enqueued += counts.matched;
      counts.scanned = 0;
      counts.matched = 0;
      position.done = next >= BigInt(position.endOffset);
      position.at = new Date().toISOString();
      await this.publishProgress([position]);
      await heartbeat();
    };
    const counts: Counts = { scanned: 0, matched: 0 };
    let next = BigInt(position.nextOffset);
    for (const message of batch.messages) {
      const offset = BigInt(message.offset);
      const step = stepAt(position, offset);
      if (step === 'past-end' || this.stopping) {
        break;
      }
      if (step === 'skip') {
        resolveOffset(message.offset);
        continue;
      }
      const webhook = this.deps.routing.webhook(this.request.webhookId);
      if (webhook === null) {
        // The routing table is caught up before any run starts: an unknown webhook was deleted.
        this.webhookGone = true;
        this.stopping = true;
        break;
      }
      if (!webhook.active) {
        // Disabled: nothing is replayed meanwhile, nothing skipped; it goes on once re-enabled.
        await new Promise((resolve) => setTimeout(resolve, WEBHOOK_WAIT_MS));
        break;
      }
      counts.scanned += 1;
      const event = this.eventToReplay(message.value === null ? null : message, batch.topic);
      if (event !== null && matchEndpoints([webhook], event).length === 1) {
        await this.deps.rate.take(() => this.stopping);
        counts.matched += 1;
        handedOver += 1;
        pending.push(this.handOver(event, webhook));
      }
      next = offset + 1n;
      resolveOffset(message.offset);
      if (handedOver >= this.deps.checkpointEvery) {
        handedOver = 0;
        await checkpoint(next, counts);
      }
    }
    await checkpoint(next, counts);
    if (this.webhookGone) {
      this.finishedResolve();
      return;
    }
    if (position.done) {
      pause();
      this.logger.log(
        `backfill ${this.request.id}: ${batch.topic}[${batch.partition}] done, ${position.matched} of ${position.scanned} replayed`,
      );
      if (this.isDone) {
        this.finishedResolve();
      }
    }
  }

  /** The event of a domain message if it is one of the backfill's types; poison was parked live. */
  private eventToReplay(
    message: Parameters<typeof parseDomainMessage>[0] | null,
    topic: string,
  ): EventEnvelope | null {
    if (message === null) {
      return null;
    }
    const parsed = parseDomainMessage(message, this.deps.maxEventBytes, topic);
    if (!parsed.ok || parsed.event.target || !this.request.eventTypes.includes(parsed.event.type)) {
      return null;
    }
    return checkEventData(parsed.event) === null ? parsed.event : null;
  }

  /** The same path as a live event: ordered webhooks through their lane, the others attempted now. */
  private handOver(event: EventEnvelope, webhook: Parameters<typeof firstAttemptJob>[1]): Promise<unknown> {
    const job = firstAttemptJob(event, webhook, serializePayload(event), this.request.id);
    if (webhook.ordered) {
      return this.deps.sink.publish([orderedLaneBatch([taskFor(job, 1, Date.now(), null)])]);
    }
    return this.deps.deliveries.deliver(job);
  }

  private async publishProgress(positions: readonly BackfillProgress[]): Promise<void> {
    await this.deps.sink.publish([
      {
        topic: Topics.backfillProgress,
        messages: positions.map((position) => ({
          key: backfillProgressKey(position.backfillId, position.topic, position.partition),
          value: position,
          headers: { [KafkaHeaders.schema]: BACKFILL_PROGRESS_SCHEMA },
        })),
      },
    ]);
  }
}

interface Counts {
  scanned: number;
  matched: number;
}
