import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Validated } from '@hookline/contracts';
import { KafkaPublisher, type ConsumedBatch } from '@hookline/kafka';
import { KAFKA, ManagedConsumer, createDeadLetteringConsumer } from '@hookline/platform';
import { Registry } from 'prom-client';
import { SubscriptionEnv } from '../config/subscription.env';

/** What every consumer of the service is built from: the cluster, the DLQ's publisher, its settings and metrics. */
@Injectable()
export class ConsumerInfrastructure {
  constructor(
    @Inject(KAFKA) readonly kafka: Kafka,
    readonly publisher: KafkaPublisher,
    readonly env: SubscriptionEnv,
    readonly registry: Registry,
  ) {}
}

export interface ValidatedMessagesOptions<T> {
  /** Its name in readiness. */
  name: string;
  /** Names it in its dead letters and metrics. */
  consumer: string;
  groupId: string;
  topic: string;
  /** What it consumes, in the log line of a crash. */
  crashSubject: string;
  /** A value as a valid message, or why it is not one; `skip` passes it over (a tombstone). */
  parse: (value: Buffer | null) => Validated<T> | 'skip';
}

/**
 * A topic read from the beginning and applied one message at a time: a batch's offsets are committed
 * once each of its messages is applied, or parked on the DLQ when it is not a valid one, so none is
 * lost on a crash. Subclasses say how a message is applied.
 */
export abstract class ValidatedMessagesConsumer<T> extends ManagedConsumer {
  private readonly parse: ValidatedMessagesOptions<T>['parse'];
  private readonly consumer: string;

  protected constructor(
    { kafka, publisher, env, registry }: ConsumerInfrastructure,
    { name, consumer, groupId, topic, crashSubject, parse }: ValidatedMessagesOptions<T>,
  ) {
    super(name, { publisher });
    this.parse = parse;
    this.consumer = consumer;
    this.manage(
      createDeadLetteringConsumer(kafka, registry, {
        name: consumer,
        groupId,
        topics: [topic],
        fromBeginning: true,
        handleBatch: (batch) => this.handleBatch(batch),
        park: (letters) => this.park(letters),
        onCrash: (error) =>
          this.logger.error(`${crashSubject} consumer crashed, restarting it: ${error.message}`),
      }),
      { shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS },
    );
  }

  protected abstract apply(message: T): Promise<void>;

  private async handleBatch(batch: ConsumedBatch): Promise<void> {
    for (const message of batch.messages) {
      const parsed = this.parse(message.value);
      if (parsed === 'skip') {
        continue;
      }
      if (!parsed.ok) {
        await this.park([
          {
            sourceTopic: batch.topic,
            partition: batch.partition,
            message,
            reason: parsed.reason,
            consumer: this.consumer,
          },
        ]);
        continue;
      }
      await this.apply(parsed.value);
      await batch.heartbeat();
    }
  }
}
