import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Topics } from '@hookline/contracts';
import {
  KafkaBatchConsumer,
  KafkaPublisher,
  sendToDeadLetterQueue,
  type ConsumedBatch,
} from '@hookline/kafka';
import { KAFKA } from '@hookline/platform';
import type { Kafka } from 'kafkajs';
import { decodeBatch } from '../common/decode-batch';
import { AuditEnv } from '../config/audit.env';
import { AuditMetrics } from '../metrics/audit.metrics';
import type { AttemptEventDto } from './dto/attempt-event.dto';
import { parseAttemptMessage } from './parse-attempt-message';
import { ProjectionService, type ProjectionResult } from './projection.service';

const CONSUMER_NAME = 'audit-projection-service/attempts';
/**
 * While attempts trickle in, a fetch waits up to the consumer's 100 ms for this much: fewer,
 * larger transactions.
 */
const FETCH_MIN_BYTES = 64 * 1024;

/** `hookline.attempts.v1` → the delivery log. Offsets commit only after the batch's transaction. */
@Injectable()
export class AttemptsConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AttemptsConsumer.name);
  private readonly consumer: KafkaBatchConsumer;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    config: AuditEnv,
    private readonly publisher: KafkaPublisher,
    private readonly metrics: AuditMetrics,
    private readonly projection: ProjectionService,
  ) {
    this.consumer = new KafkaBatchConsumer(kafka, {
      groupId: config.AUDIT_CONSUMER_GROUP,
      topics: [Topics.attempts],
      fromBeginning: true,
      // One partition validates while the transactions of others wait on Postgres.
      partitionsConsumedConcurrently: config.AUDIT_PARTITIONS_CONCURRENTLY,
      minBytes: FETCH_MIN_BYTES,
      handleBatch: (batch) => this.handleBatch(batch),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }

  private async handleBatch(batch: ConsumedBatch): Promise<void> {
    const { accepted, deadLetters } = decodeBatch(batch, CONSUMER_NAME, parseAttemptMessage);
    this.recordProjected(accepted, await this.projection.project(accepted));
    if (deadLetters.length > 0) {
      await sendToDeadLetterQueue(this.publisher, deadLetters);
      this.metrics.deadLettered.inc({ topic: batch.topic }, deadLetters.length);
      this.logger.warn(
        `${deadLetters.length} message(s) of ${batch.topic}[${batch.partition}] sent to ${Topics.dlq}: ${deadLetters[0].reason}`,
      );
    }
  }

  private recordProjected(accepted: readonly AttemptEventDto[], result: ProjectionResult): void {
    this.metrics.attemptsProjected.inc({ result: 'stored' }, result.stored);
    this.metrics.attemptsProjected.inc(
      { result: 'replayed' },
      result.received - result.stored - result.pastRetention,
    );
    this.metrics.attemptsProjected.inc({ result: 'past_retention' }, result.pastRetention);
    if (accepted.length === 0) return;
    this.metrics.batchSize.observe(accepted.length);
    const newestStart = accepted.reduce((newest, event) => Math.max(newest, Date.parse(event.startedAt)), 0);
    this.metrics.projectionLag.set(Math.max(0, (Date.now() - newestStart) / 1000));
  }
}
