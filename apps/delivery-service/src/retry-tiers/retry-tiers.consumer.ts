import { Injectable } from '@nestjs/common';
import type { BatchHandling, IncomingBatch } from '@hookline/kafka';
import { QUIET_TOPIC_MAX_WAIT_MS } from '../consumption/create-delivery-consumer';
import { DeadLetterCollector } from '../consumption/dead-letters';
import { DeliveryConsumer, DeliveryConsumerDeps } from '../consumption/delivery-consumer';
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
    deps: DeliveryConsumerDeps,
    private readonly retries: RetryService,
  ) {
    super('retry-consumer', deps, {
      groupSuffix: '-retry',
      topics: [...RETRY_TIER_TOPICS],
      messageKind: 'Retry task',
      maxWaitTimeInMs: QUIET_TOPIC_MAX_WAIT_MS,
    });
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
