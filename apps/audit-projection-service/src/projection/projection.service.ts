import { Injectable } from '@nestjs/common';
import { groupBy } from '../common/group-by';
import { RetentionPolicy } from '../retention/retention-policy';
import type { AttemptEventDto } from './dto/attempt-event.dto';
import { toAttemptRow, toDeliveryRow, toPayloadRow } from './projection-rows';
import { ProjectionRepository } from './projection.repository';
import { toStatsIncrements } from './stats-rows';

export interface ProjectionResult {
  received: number;
  /** Attempts not seen before; the others were replays and changed nothing. */
  stored: number;
  /** Attempts older than the attempts retention: pruning would already have removed them. */
  pastRetention: number;
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
  async project(events: readonly AttemptEventDto[], now: Date = new Date()): Promise<ProjectionResult> {
    if (events.length === 0) {
      return { received: 0, stored: 0, pastRetention: 0 };
    }
    const unique = groupBy(events, (event) => event.attemptId).map(([first]) => first);
    const retained = unique.filter((event) => this.retention.isAttemptRetained(event.startedAt, now));
    const pastRetention = unique.length - retained.length;
    if (retained.length === 0) {
      return { received: events.length, stored: 0, pastRetention };
    }
    return this.repository.transaction(async (writer) => {
      const insertedIds = await writer.insertAttempts(retained.map(toAttemptRow));
      const fresh = retained.filter((event) => insertedIds.has(event.attemptId));
      const withPayload = fresh.filter((event) =>
        this.retention.isPayloadRetained(event.eventOccurredAt, now),
      );
      await writer.upsertPayloads(groupBy(withPayload, (event) => event.eventId).map(toPayloadRow));
      await writer.upsertDeliveries(groupBy(fresh, (event) => event.deliveryId).map(toDeliveryRow));
      await writer.addStats(toStatsIncrements(fresh));
      return { received: events.length, stored: fresh.length, pastRetention };
    });
  }
}
