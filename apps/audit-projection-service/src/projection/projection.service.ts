import { Injectable } from '@nestjs/common';
import { groupBy } from '../common/group-by';
import { RetentionPolicy } from '../retention/retention-policy';
import type { AttemptsTopicMessage } from './parse-attempt-message';
import type { ProjectedAttempt } from './projected-attempt';
import {
  hasPayload,
  holdPayloadRow,
  interruptedAttempt,
  toAttemptRow,
  toAttemptStartRow,
  toDeliveryRow,
  toHoldRow,
  toPayloadRow,
} from './projection-rows';
import {
  ProjectionRepository,
  type AttemptStartRow,
  type HoldRow,
  type PayloadRow,
  type ProjectionWriter,
} from './projection.repository';
import { mergeStatsIncrements, toStatsIncrements } from './stats-rows';

export interface ProjectionResult {
  received: number;
  /** Attempts not seen before; the others were replays and changed nothing. */
  stored: number;
  /** Attempts older than the attempts retention: pruning would already have removed them. */
  pastRetention: number;
}

/** One consumed batch of `hookline.attempts.v1`, from one partition. */
export interface AttemptsBatch {
  partition: number;
  messages: readonly AttemptsTopicMessage[];
  /** The newest message time in the batch, parsed or not. */
  newestTimestampMs: number;
}

@Injectable()
export class ProjectionService {
  constructor(
    private readonly repository: ProjectionRepository,
    private readonly retention: RetentionPolicy,
  ) {}

  /**
   * Projects a batch of attempts in one transaction. Idempotent by attempt id: only attempts
   * stored for the first time touch deliveries, payloads and rollups, so a replay changes nothing.
   * What is past retention is skipped, so a replay does not bring pruned rows back.
   */
  async project(events: readonly ProjectedAttempt[], now: Date = new Date()): Promise<ProjectionResult> {
    if (events.length === 0) {
      return { received: 0, stored: 0, pastRetention: 0 };
    }
    if (!events.some((event) => this.retention.isAttemptRetained(event.startedAt, now))) {
      const unique = new Set(events.map((event) => event.attemptId)).size;
      return { received: events.length, stored: 0, pastRetention: unique };
    }
    return this.repository.transaction((writer) => this.writeAttempts(writer, events, [], [], now));
  }

  /**
   * A consumed batch: attempt starts are kept until their outcome arrives, holds mark their
   * deliveries, attempts are projected as by `project`, all in one transaction with the
   * partition's watermark.
   */
  async projectBatch(batch: AttemptsBatch, now: Date = new Date()): Promise<ProjectionResult> {
    const events: ProjectedAttempt[] = [];
    const starts: AttemptStartRow[] = [];
    const holds: HoldRow[] = [];
    const holdPayloads: PayloadRow[] = [];
    for (const message of batch.messages) {
      if (message.kind === 'attempt') {
        events.push(message.event);
      } else if (message.kind === 'start') {
        if (this.retention.isAttemptRetained(message.start.startedAt, now)) {
          starts.push(toAttemptStartRow(message.start, batch.partition, message.timestampMs));
        }
      } else {
        holds.push(toHoldRow(message.held));
        if (this.retention.isPayloadRetained(message.held.eventOccurredAt, now)) {
          holdPayloads.push(holdPayloadRow(message.held));
        }
      }
    }
    return this.repository.transaction(async (writer) => {
      // Starts first, as the sweep takes them: a start and its outcome never lock in two orders.
      const finished = new Set(events.map((event) => event.attemptId));
      await writer.deleteStarts([...finished]);
      await writer.insertStarts(starts.filter((start) => !finished.has(start.id)));
      const result = await this.writeAttempts(writer, events, holds, holdPayloads, now);
      if (batch.newestTimestampMs > 0) {
        await writer.advanceWatermark(batch.partition, new Date(batch.newestTimestampMs).toISOString());
      }
      return result;
    });
  }

  /**
   * Records as `interrupted` the attempts whose outcome can no longer come (see
   * `takeInterruptedStarts`), at most `limit` at a time; returns how many.
   */
  async sweepInterrupted(graceSeconds: number, limit: number, now: Date = new Date()): Promise<number> {
    return this.repository.transaction(async (writer) => {
      const starts = await writer.takeInterruptedStarts(graceSeconds, limit);
      if (starts.length === 0) {
        return 0;
      }
      const result = await this.writeAttempts(writer, starts.map(interruptedAttempt), [], [], now);
      return result.stored;
    });
  }

  private async writeAttempts(
    writer: ProjectionWriter,
    events: readonly ProjectedAttempt[],
    holds: HoldRow[],
    holdPayloads: PayloadRow[],
    now: Date,
  ): Promise<ProjectionResult> {
    const unique = groupBy(events, (event) => event.attemptId).map(([first]) => first);
    const retained = unique.filter((event) => this.retention.isAttemptRetained(event.startedAt, now));
    const pastRetention = unique.length - retained.length;
    const stored = await writer.insertAttempts(retained.map(toAttemptRow));
    const fresh = retained.filter((event) => stored.inserted.has(event.attemptId));
    const replaced = retained.filter((event) => stored.replaced.has(event.attemptId));
    const withPayload = [...fresh, ...replaced]
      .filter(hasPayload)
      .filter((event) => this.retention.isPayloadRetained(event.eventOccurredAt, now));
    await writer.upsertPayloads(
      mergePayloads([...groupBy(withPayload, (event) => event.eventId).map(toPayloadRow), ...holdPayloads]),
    );
    const deliveryRows = groupBy([...fresh, ...replaced], (event) => event.deliveryId).map((attempts) => ({
      ...toDeliveryRow(attempts),
      // A replaced attempt was counted when it was stored as interrupted.
      newAttempts: attempts.filter((attempt) => stored.inserted.has(attempt.attemptId)).length,
    }));
    await writer.upsertDeliveries(deliveryRows);
    await writer.applyHolds(latestHolds(holds));
    await writer.addStats(
      mergeStatsIncrements([
        ...toStatsIncrements([...fresh, ...replaced]),
        // What the replaced attempts added as interrupted comes back out; where their start stood
        // on the topic plays no part in the rollups.
        ...toStatsIncrements(
          replaced.map((event) =>
            interruptedAttempt(toAttemptStartRow(event, 0, Date.parse(event.startedAt))),
          ),
          -1,
        ),
      ]),
    );
    return { received: events.length, stored: fresh.length, pastRetention };
  }
}

/**
 * One hold per delivery, the latest (a delivery re-queued twice in one batch has two): one
 * statement may not upsert a row twice.
 */
function latestHolds(rows: HoldRow[]): HoldRow[] {
  return groupBy(rows, (row) => row.deliveryId).map((group) =>
    group.reduce((latest, row) =>
      row.heldAttempt > latest.heldAttempt ||
      (row.heldAttempt === latest.heldAttempt && row.heldAt > latest.heldAt)
        ? row
        : latest,
    ),
  );
}

/** One row per event, the earliest `createdAt`: one statement may not upsert a row twice. */
function mergePayloads(rows: PayloadRow[]): PayloadRow[] {
  return groupBy(rows, (row) => row.eventId).map((group) =>
    group.reduce((earliest, row) => (row.createdAt < earliest.createdAt ? row : earliest)),
  );
}
