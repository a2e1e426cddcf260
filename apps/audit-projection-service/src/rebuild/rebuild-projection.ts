import { randomUUID } from 'node:crypto';
import { Topics } from '@hookline/contracts';
import { KafkaBatchConsumer, type ConsumedBatch, type DeadLetter } from '@hookline/kafka';
import { isPermanentDataError } from '@hookline/platform';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { decodeBatch } from '../common/decode-batch';
import { AUDIT_PROJECTION_TABLES } from '../database/data-source';
import { parseAttemptMessage } from '../projection/parse-attempt-message';
import { ProjectionRepository } from '../projection/projection.repository';
import { ProjectionService } from '../projection/projection.service';
import type { RetentionPolicy } from '../retention/retention-policy';
import { parseWebhookMessage } from '../webhooks/parse-webhook-message';
import { WebhookEntity } from '../webhooks/webhook.entity';
import { WebhooksRepository } from '../webhooks/webhooks.repository';
import { WebhooksService } from '../webhooks/webhooks.service';
import { CatchUpTracker } from './catch-up-tracker';

const CONSUMER_NAME = 'audit-projection-service/rebuild';
const PROGRESS_EVERY_MS = 10_000;

export interface RebuildOptions {
  dataSource: DataSource;
  kafka: Kafka;
  retention: RetentionPolicy;
  /** A group of its own, deleted at the end; defaults to a fresh random one. */
  groupId?: string;
  log?: (line: string) => void;
}

export interface RebuildReport {
  attempts: { received: number; stored: number; replayed: number; pastRetention: number; invalid: number };
  webhookChanges: { applied: number; invalid: number };
  /** Rows per projection table after the rebuild. */
  rows: Record<(typeof AUDIT_PROJECTION_TABLES)[number], number>;
}

/**
 * Empties the projection and replays both topics from offset 0 up to the end offsets seen at
 * start, through the same projection code the service runs. Messages the live service sent
 * to the DLQ (refused when parsed, or by Postgres) are counted as invalid and skipped: they are
 * in the DLQ already.
 */
export async function rebuildProjection(options: RebuildOptions): Promise<RebuildReport> {
  const log = options.log ?? (() => undefined);
  const { dataSource, kafka } = options;
  const projection = new ProjectionService(new ProjectionRepository(dataSource), options.retention);
  const webhooks = new WebhooksService(
    new WebhooksRepository(dataSource, dataSource.getRepository(WebhookEntity)),
  );
  const report: RebuildReport = {
    attempts: { received: 0, stored: 0, replayed: 0, pastRetention: 0, invalid: 0 },
    webhookChanges: { applied: 0, invalid: 0 },
    rows: {
      attempt: 0,
      attempt_start: 0,
      attempt_watermark: 0,
      delivery: 0,
      payload: 0,
      stats_hourly: 0,
      webhook: 0,
    },
  };

  await dataSource.query(`TRUNCATE ${AUDIT_PROJECTION_TABLES.map((table) => `audit.${table}`).join(', ')}`);
  log(`emptied ${AUDIT_PROJECTION_TABLES.map((table) => `audit.${table}`).join(', ')}`);

  const tracker = new CatchUpTracker(await endOffsets(kafka, [Topics.attempts, Topics.subscriptions]));
  const groupId = options.groupId ?? `hookline-audit-rebuild-${randomUUID()}`;
  let resolveCaughtUp!: () => void;
  const caughtUp = new Promise<void>((resolve) => (resolveCaughtUp = resolve));
  if (tracker.caughtUp) {
    resolveCaughtUp();
  }

  const handleBatch = async (batch: ConsumedBatch): Promise<void> => {
    if (batch.topic === Topics.attempts) {
      const { accepted, deadLetters } = decodeBatch(batch, CONSUMER_NAME, parseAttemptMessage);
      const newestTimestampMs = batch.messages.reduce(
        (newest, message) => Math.max(newest, Number(message.timestamp) || 0),
        0,
      );
      const result = await projection.projectBatch({
        partition: batch.partition,
        messages: accepted,
        newestTimestampMs,
      });
      report.attempts.received += result.received;
      report.attempts.stored += result.stored;
      report.attempts.pastRetention += result.pastRetention;
      report.attempts.replayed += result.received - result.stored - result.pastRetention;
      report.attempts.invalid += deadLetters.length;
    } else {
      const { accepted, deadLetters } = decodeBatch(batch, CONSUMER_NAME, parseWebhookMessage);
      await webhooks.applyChanges(accepted);
      report.webhookChanges.applied += accepted.length;
      report.webhookChanges.invalid += deadLetters.length;
    }
    handled(batch.topic, batch.partition, batch.messages[batch.messages.length - 1].offset);
  };
  const handled = (topic: string, partition: number, offset: string) => {
    tracker.handled(topic, partition, offset);
    if (tracker.caughtUp) {
      resolveCaughtUp();
    }
  };
  const skipRefused = async (letters: DeadLetter[]): Promise<void> => {
    for (const { sourceTopic, partition, message, reason } of letters) {
      if (sourceTopic === Topics.attempts) {
        report.attempts.invalid += 1;
      } else {
        report.webhookChanges.invalid += 1;
      }
      log(`skipped ${sourceTopic}[${partition}]@${message.offset}: ${reason}`);
      handled(sourceTopic, partition, message.offset);
    }
  };

  const consumer = new KafkaBatchConsumer(kafka, {
    groupId,
    topics: [Topics.attempts, Topics.subscriptions],
    fromBeginning: true,
    partitionsConsumedConcurrently: 3,
    handleBatch,
    poison: { isPermanent: isPermanentDataError, park: skipRefused, consumer: CONSUMER_NAME },
    onCrash: (error) => log(`consumer crashed, restarting: ${error.message}`),
  });
  const progress = setInterval(
    () =>
      log(
        `projected ${report.attempts.received} attempts; waiting for ${tracker.pendingPartitions.join(', ')}`,
      ),
    PROGRESS_EVERY_MS,
  );
  try {
    await consumer.start();
    await caughtUp;
  } finally {
    clearInterval(progress);
    await consumer.stop();
    await deleteGroup(kafka, groupId);
  }

  for (const table of AUDIT_PROJECTION_TABLES) {
    const [{ count }] = await dataSource.query<Array<{ count: number }>>(
      `SELECT count(*)::int AS count FROM audit.${table}`,
    );
    report.rows[table] = count;
  }
  return report;
}

async function endOffsets(kafka: Kafka, topics: string[]) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const perTopic = await Promise.all(
      topics.map(async (topic) =>
        (await admin.fetchTopicOffsets(topic)).map(({ partition, low, high }) => ({
          topic,
          partition,
          low,
          high,
        })),
      ),
    );
    return perTopic.flat();
  } finally {
    await admin.disconnect();
  }
}

/** The group served this rebuild only; leave no trace of it on the broker. */
async function deleteGroup(kafka: Kafka, groupId: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.deleteGroups([groupId]).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}
