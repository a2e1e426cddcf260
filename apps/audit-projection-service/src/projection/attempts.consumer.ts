import { Injectable } from '@nestjs/common';
import { Topics } from '@hookline/contracts';
import type { ConsumedBatch } from '@hookline/kafka';
import { ProjectionConsumer, ProjectionConsumerDeps } from '../common/projection-consumer';
import type { AuditMetrics } from '../metrics/audit.metrics';
import { parseAttemptMessage, type AttemptsTopicMessage } from './parse-attempt-message';
import { ProjectionService, type ProjectionResult } from './projection.service';

/**
 * While attempts trickle in, a fetch waits up to the consumer's 100 ms for this much: fewer,
 * larger transactions.
 */
const FETCH_MIN_BYTES = 64 * 1024;

/**
 * `hookline.attempts.v1` → the delivery log. Offsets commit only after the batch's transaction.
 * A batch Postgres refuses for its data is split until the refused attempts are found; they go to
 * the DLQ and the rest is projected.
 */
@Injectable()
export class AttemptsConsumer extends ProjectionConsumer<AttemptsTopicMessage> {
  private readonly metrics: AuditMetrics;

  constructor(
    deps: ProjectionConsumerDeps,
    private readonly projection: ProjectionService,
  ) {
    super(deps, {
      name: 'attempts-consumer',
      consumer: 'audit-projection-service/attempts',
      groupId: deps.config.AUDIT_CONSUMER_GROUP,
      topic: Topics.attempts,
      parse: parseAttemptMessage,
      // One partition validates while the transactions of others wait on Postgres.
      partitionsConsumedConcurrently: deps.config.AUDIT_PARTITIONS_CONCURRENTLY,
      minBytes: FETCH_MIN_BYTES,
    });
    this.metrics = deps.metrics;
  }

  protected async project(accepted: AttemptsTopicMessage[], batch: ConsumedBatch): Promise<void> {
    const newestTimestampMs = batch.messages.reduce(
      (newest, message) => Math.max(newest, Number(message.timestamp) || 0),
      0,
    );
    this.recordProjected(
      accepted,
      await this.projection.projectBatch({
        partition: batch.partition,
        messages: accepted,
        newestTimestampMs,
      }),
    );
  }

  private recordProjected(messages: readonly AttemptsTopicMessage[], result: ProjectionResult): void {
    const accepted = messages.flatMap((message) => (message.kind === 'attempt' ? [message.event] : []));
    this.metrics.attemptsProjected.inc({ result: 'stored' }, result.stored);
    this.metrics.attemptsProjected.inc(
      { result: 'replayed' },
      result.received - result.stored - result.pastRetention,
    );
    this.metrics.attemptsProjected.inc({ result: 'past_retention' }, result.pastRetention);
    if (accepted.length === 0) {
      return;
    }
    this.metrics.batchSize.observe(accepted.length);
    const newestStart = accepted.reduce((newest, event) => Math.max(newest, Date.parse(event.startedAt)), 0);
    this.metrics.projectionLag.set(Math.max(0, (Date.now() - newestStart) / 1000));
  }
}
