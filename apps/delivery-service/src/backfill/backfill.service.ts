import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import {
  Topics,
  validateBackfillProgress,
  validateBackfillRequest,
  type BackfillProgress,
  type BackfillRequest,
} from '@hookline/contracts';
import { CompactedTopicReader, OutputSink, decodeValidated } from '@hookline/kafka';
import { KAFKA, type ReadinessCheck } from '@hookline/platform';
import { DeliveryEnv } from '../config/delivery.env';
import { DeliveryService } from '../pipeline/delivery.service';
import { RoutingService } from '../routing/routing.service';
import { BackfillRate } from './backfill-rate';
import { BackfillRun } from './backfill-run';
import { planBackfill, topicsOfBackfill, type TopicOffsets } from './backfill-window';

/**
 * Runs the backfills subscription-service asks for on `hookline.backfills.v1`: a `running` request
 * starts a run (resuming from its progress records on `hookline.backfill-progress.v1`), any other
 * status stops it. Starts once the routing table and both topics have been read.
 */
@Injectable()
export class BackfillService implements OnModuleInit, OnApplicationShutdown, ReadinessCheck {
  readonly name = 'backfills';
  private readonly logger = new Logger(BackfillService.name);
  private readonly requests: CompactedTopicReader;
  private readonly progressReader: CompactedTopicReader;
  private readonly progress = new Map<string, BackfillProgress>();
  private readonly runs = new Map<string, BackfillRun>();
  private readonly rate: BackfillRate;
  private readonly admin: Admin;
  private started = false;
  private shuttingDown = false;
  /** Changes to runs happen one at a time, in the order the requests arrived. */
  private chain: Promise<void> = Promise.resolve();

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly sink: OutputSink,
    private readonly deliveries: DeliveryService,
    private readonly routing: RoutingService,
    private readonly config: DeliveryEnv,
  ) {
    this.rate = new BackfillRate(config.DELIVERY_BACKFILL_RATE_PER_SECOND);
    this.admin = kafka.admin();
    const groupPrefix = `${config.DELIVERY_CONSUMER_GROUP}-backfills`;
    this.progressReader = new CompactedTopicReader(kafka, {
      topic: Topics.backfillProgress,
      groupPrefix,
      onRecord: (key, value) => this.applyProgress(key, value),
    });
    this.requests = new CompactedTopicReader(kafka, {
      topic: Topics.backfills,
      groupPrefix,
      onRecord: (key, value) => this.applyRequest(key, value),
    });
  }

  async onModuleInit(): Promise<void> {
    await this.admin.connect();
    await this.progressReader.start();
    await this.requests.start();
    // Runs wait until the progress of earlier runs is known, so a restart resumes instead of starting over.
    void Promise.all([this.routing.ready, this.progressReader.ready, this.requests.ready]).then(() => {
      this.started = true;
      this.logger.log(`backfills caught up; ${this.runs.size} running`);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    await this.chain;
    await Promise.all([...this.runs.values()].map((run) => run.stop()));
    await this.requests.stop();
    await this.progressReader.stop();
    await this.admin.disconnect();
  }

  async check(): Promise<void> {
    if (!this.started) {
      throw new Error(`still reading ${Topics.backfills} and ${Topics.backfillProgress}`);
    }
  }

  private applyProgress(key: string, value: Buffer | null): void {
    if (value === null) {
      this.progress.delete(key);
      return;
    }
    const parsed = decodeValidated(value, validateBackfillProgress);
    if (parsed.ok) {
      this.progress.set(key, parsed.value);
    } else {
      this.logger.error(`ignored progress record ${key} on ${Topics.backfillProgress}: ${parsed.reason}`);
    }
  }

  private applyRequest(key: string, value: Buffer | null): void {
    const parsed = value === null ? null : decodeValidated(value, validateBackfillRequest);
    if (parsed !== null && !parsed.ok) {
      this.logger.error(`ignored backfill ${key} on ${Topics.backfills}: ${parsed.reason}`);
      return;
    }
    const request = parsed === null ? null : parsed.value;
    this.chain = this.chain
      .then(() => this.waitUntilStarted())
      .then(() => this.reconcile(key, request))
      .catch((error: Error) => this.logger.error(`backfill ${key} could not be started: ${error.message}`));
  }

  private async waitUntilStarted(): Promise<void> {
    await Promise.all([this.routing.ready, this.progressReader.ready]);
  }

  private async reconcile(backfillId: string, request: BackfillRequest | null): Promise<void> {
    const current = this.runs.get(backfillId);
    if (request?.status === 'running') {
      if (current === undefined && !this.shuttingDown) {
        await this.startRun(request);
      }
      return;
    }
    if (current !== undefined) {
      this.runs.delete(backfillId);
      await current.stop();
      await current.removeGroup();
      this.logger.log(`backfill ${backfillId} stopped: ${request?.status ?? 'forgotten'}`);
    }
  }

  private async startRun(request: BackfillRequest): Promise<void> {
    const topics = topicsOfBackfill(request.eventTypes);
    const starts: TopicOffsets = new Map();
    const ends: TopicOffsets = new Map();
    for (const topic of topics) {
      starts.set(topic, await this.admin.fetchTopicOffsetsByTimestamp(topic, Date.parse(request.since)));
      ends.set(topic, await this.admin.fetchTopicOffsetsByTimestamp(topic, Date.parse(request.until)));
    }
    const plan = planBackfill(request, starts, ends, (key) => this.progress.get(key), new Date());
    const run = new BackfillRun(request, plan, {
      kafka: this.kafka,
      sink: this.sink,
      deliveries: this.deliveries,
      routing: this.routing,
      rate: this.rate,
      groupPrefix: this.config.DELIVERY_CONSUMER_GROUP,
      maxEventBytes: this.config.DELIVERY_MAX_EVENT_BYTES,
      checkpointEvery: this.config.DELIVERY_BACKFILL_CHECKPOINT_EVERY,
    });
    this.runs.set(request.id, run);
    this.logger.log(
      `backfill ${request.id} of webhook ${request.webhookId} starting over ${plan.length} partitions`,
    );
    await run.start();
    void run.finished.then(() => this.finish(run));
  }

  /**
   * A run whose partitions are all done leaves (subscription-service marks it completed), and so does
   * one whose webhook was deleted.
   */
  private finish(run: BackfillRun): void {
    if (!(run.isDone || run.isOrphaned) || this.runs.get(run.request.id) !== run) {
      return;
    }
    this.chain = this.chain
      .then(async () => {
        this.runs.delete(run.request.id);
        await run.stop();
        await run.removeGroup();
        this.logger.log(
          `backfill ${run.request.id} ${run.isOrphaned ? 'stopped: its webhook was deleted' : 'done'}`,
        );
      })
      .catch((error: Error) =>
        this.logger.error(`backfill ${run.request.id} did not stop: ${error.message}`),
      );
  }
}
