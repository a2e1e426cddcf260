import type { Logger } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { DeliveryEnv } from '../config/delivery.env';
import type { DeliveryMetrics } from '../metrics/delivery.metrics';
import { TrackedConsumer, type TrackedConsumerOptions } from '@hookline/kafka';

export interface DeliveryConsumerSpec {
  /** Readiness and metric name, e.g. `retry-consumer`. */
  name: string;
  /** Appended to `DELIVERY_CONSUMER_GROUP` (`-retry`); none for the domain consumer. */
  groupSuffix: string;
  topics: TrackedConsumerOptions['topics'];
  /** What one message is, for logs: `Retry task`, `Command`. */
  messageKind: string;
  handleBatch: TrackedConsumerOptions['handleBatch'];
  onPartitionsReset?: TrackedConsumerOptions['onPartitionsReset'];
  /**
   * How long an empty fetch waits at the broker (100 ms by default). Low-traffic topics whose messages
   * are not urgent to the millisecond (retry tiers, commands) wait longer: fewer idle round trips.
   */
  maxWaitTimeInMs?: number;
}

/** Fetch wait of consumers whose topics are quiet most of the time. */
export const QUIET_TOPIC_MAX_WAIT_MS = 500;

/** The settings every delivery consumer shares, from the environment, with its metrics. */
export function createDeliveryConsumer(
  kafka: Kafka,
  config: DeliveryEnv,
  metrics: DeliveryMetrics,
  logger: Logger,
  spec: DeliveryConsumerSpec,
): TrackedConsumer {
  const consumer = new TrackedConsumer(kafka, {
    groupId: `${config.DELIVERY_CONSUMER_GROUP}${spec.groupSuffix}`,
    topics: spec.topics,
    startFrom: config.DELIVERY_START_FROM,
    partitionsConsumedConcurrently: config.DELIVERY_PARTITIONS_CONCURRENTLY,
    maxInFlightPerPartition: config.DELIVERY_MAX_IN_FLIGHT_PER_PARTITION,
    sessionTimeoutMs: config.DELIVERY_SESSION_TIMEOUT_MS,
    maxWaitTimeInMs: spec.maxWaitTimeInMs,
    handleBatch: spec.handleBatch,
    onPartitionsReset: spec.onPartitionsReset,
    onHandlingError: (error, at) => {
      metrics.handlingFailures.inc({ consumer: spec.name });
      logger.error(
        `${spec.messageKind} ${at.topic}[${at.partition}]@${at.offset} failed; re-reading the partition from its last commit: ${error.message}`,
      );
    },
    log: logger,
  });
  metrics.watchUnfinished(spec.name, () => consumer.inFlight);
  return consumer;
}
