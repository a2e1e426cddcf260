import { Inject, Injectable } from '@nestjs/common';
import { KafkaPublisher, type ConsumedBatch } from '@hookline/kafka';
import { KAFKA, ManagedConsumer, createDeadLetteringConsumer } from '@hookline/platform';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { Registry } from 'prom-client';
import { AuditEnv } from '../config/audit.env';
import { AuditMetrics } from '../metrics/audit.metrics';
import { decodeBatch, type MessageParse } from './decode-batch';

/** What every consumer of the projection is built from: the cluster, its settings, the DLQ's publisher, metrics. */
@Injectable()
export class ProjectionConsumerDeps {
  constructor(
    @Inject(KAFKA) readonly kafka: Kafka,
    readonly config: AuditEnv,
    readonly publisher: KafkaPublisher,
    readonly metrics: AuditMetrics,
    readonly registry: Registry,
  ) {}
}

export interface ProjectionConsumerOptions<T> {
  /** The provider's name, under which it answers readiness. */
  name: string;
  /** Names the consumer in its dead letters and in `hookline_consumer_failing_seconds`. */
  consumer: string;
  groupId: string;
  topic: string;
  parse: (message: KafkaMessage) => MessageParse<T>;
  partitionsConsumedConcurrently?: number;
  minBytes?: number;
}

/**
 * A consumer of one topic into the audit schema, read from the topic's beginning: each batch is
 * decoded, what parses is handed to `project`, and the rest goes to the DLQ, saying why, once that
 * is written. Offsets commit only after both.
 */
export abstract class ProjectionConsumer<T> extends ManagedConsumer {
  protected constructor(
    deps: ProjectionConsumerDeps,
    { name, consumer, topic, parse, ...fetch }: ProjectionConsumerOptions<T>,
  ) {
    super(name, { publisher: deps.publisher, counter: deps.metrics.deadLettered });
    this.manage(
      createDeadLetteringConsumer(deps.kafka, deps.registry, {
        name: consumer,
        topics: [topic],
        fromBeginning: true,
        ...fetch,
        handleBatch: async (batch) => {
          const { accepted, deadLetters } = decodeBatch(batch, consumer, parse);
          await this.project(accepted, batch);
          await this.park(deadLetters);
        },
        park: (letters) => this.park(letters),
      }),
      { shutdownTimeoutMs: deps.config.SHUTDOWN_TIMEOUT_MS },
    );
  }

  /** Writes what parsed of `batch`, durably before it resolves. */
  protected abstract project(accepted: T[], batch: ConsumedBatch): Promise<void>;
}
