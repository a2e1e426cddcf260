import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { KafkaPublisher } from '@hookline/kafka';
import { KAFKA, type ReadinessCheck } from '@hookline/platform';
import { DeliveryEnv } from '../config/delivery.env';
import type { ConsumerLifecycle } from '../consumption/consumer-lifecycle';
import { QUIET_TOPIC_MAX_WAIT_MS, createDeliveryConsumer } from '../consumption/create-delivery-consumer';
import { DeadLetterCollector } from '../consumption/dead-letters';
import type { BatchHandling, IncomingBatch } from '../consumption/tracked-consumer';
import { DeliveryMetrics } from '../metrics/delivery.metrics';
import { RoutingService } from '../routing/routing.service';
import { RETRY_TIER_TOPICS, holdUntil, tierOfTopic } from './choose-tier';
import { RetryService } from './retry.service';
import { parseRetryTask } from './retry-task';

/**
 * Reads every retry tier. A tier partition is in write order, so when its first task must still be
 * held (until it is due, or has waited the tier's delay) the partition is paused until then and read
 * again; other partitions and tiers go on meanwhile. Released tasks are handed to RetryService.
 */
@Injectable()
export class RetryTiersConsumer implements OnApplicationBootstrap, OnModuleDestroy, ReadinessCheck {
  readonly name = 'retry-consumer';
  private readonly logger = new Logger(RetryTiersConsumer.name);
  private readonly lifecycle: ConsumerLifecycle;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    private readonly publisher: KafkaPublisher,
    private readonly routing: RoutingService,
    private readonly retries: RetryService,
    private readonly metrics: DeliveryMetrics,
    private readonly config: DeliveryEnv,
  ) {
    this.lifecycle = createDeliveryConsumer(kafka, config, metrics, this.logger, {
      name: this.name,
      groupSuffix: '-retry',
      topics: [...RETRY_TIER_TOPICS],
      messageKind: 'Retry task',
      maxWaitTimeInMs: QUIET_TOPIC_MAX_WAIT_MS,
      handleBatch: (batch) => this.handleBatch(batch),
    }).lifecycle;
  }

  onApplicationBootstrap(): void {
    this.lifecycle.begin(this.routing.ready);
  }

  async onModuleDestroy(): Promise<void> {
    // Four consumers stop one after another within the shutdown budget; unfinished work is re-read.
    await this.lifecycle.end(this.config.SHUTDOWN_TIMEOUT_MS / 4);
  }

  check(): Promise<void> {
    return this.lifecycle.check();
  }

  private handleBatch(batch: IncomingBatch): BatchHandling {
    const tier = tierOfTopic(batch.topic);
    const taken: Array<Promise<unknown>> = [];
    const refused = new DeadLetterCollector(batch);
    let resumeAtMs: number | undefined;
    for (const [index, message] of batch.messages.entries()) {
      const parsed = parseRetryTask(message);
      if (!parsed.ok || tier === null) {
        refused.refuse(index, message, parsed.ok ? `${batch.topic} is not a retry tier` : parsed.reason);
        taken.push(Promise.resolve());
        continue;
      }
      const releaseAtMs = holdUntil(Date.parse(parsed.task.dueAt), Number(message.timestamp), tier);
      if (releaseAtMs > Date.now()) {
        resumeAtMs = releaseAtMs;
        break;
      }
      taken.push(this.retries.handleReleased(parsed.task));
    }
    refused.park(this.publisher, taken, (letter) => {
      this.metrics.deadLettered.inc({ topic: batch.topic });
      this.logger.warn(
        `Sent ${batch.topic}[${batch.partition}]@${letter.message.offset} to the DLQ: ${letter.reason}`,
      );
    });
    return { taken, resumeAtMs };
  }
}
