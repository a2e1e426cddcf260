import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { KafkaPublisher, type BatchHandling, type IncomingBatch } from '@hookline/kafka';
import { KAFKA } from '@hookline/platform';
import { DeliveryEnv } from '../config/delivery.env';
import { QUIET_TOPIC_MAX_WAIT_MS } from '../consumption/create-delivery-consumer';
import { DeadLetterCollector } from '../consumption/dead-letters';
import { DeliveryConsumer } from '../consumption/delivery-consumer';
import { DeliveryMetrics } from '../metrics/delivery.metrics';
import { RoutingService } from '../routing/routing.service';
import { RETRY_TIER_TOPICS, holdUntil, tierOfTopic } from '../retry-policy/choose-tier';
import { RetryService } from './retry.service';
import { parseRetryTask } from '../pipeline/retry-task';

/**
 * Reads every retry tier. A tier partition is in write order, so when its first task must still be
 * held (until it is due, or has waited the tier's delay) the partition is paused until then and read
 * again; other partitions and tiers go on meanwhile. Released tasks are handed to RetryService.
 */
@Injectable()
export class RetryTiersConsumer extends DeliveryConsumer {
  constructor(
    @Inject(KAFKA) kafka: Kafka,
    publisher: KafkaPublisher,
    routing: RoutingService,
    private readonly retries: RetryService,
    metrics: DeliveryMetrics,
    config: DeliveryEnv,
  ) {
    super(
      'retry-consumer',
      { kafka, publisher, routing, metrics, config },
      {
        groupSuffix: '-retry',
        topics: [...RETRY_TIER_TOPICS],
        messageKind: 'Retry task',
        maxWaitTimeInMs: QUIET_TOPIC_MAX_WAIT_MS,
      },
    );
  }

  protected handleBatch(batch: IncomingBatch): BatchHandling {
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
    this.parkRefused(refused, taken);
    return { taken, resumeAtMs };
  }
}
