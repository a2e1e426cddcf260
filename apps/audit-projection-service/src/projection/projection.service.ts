import { Injectable } from '@nestjs/common';
import { groupBy } from '../common/group-by';
import type { AttemptEventDto } from './dto/attempt-event.dto';
import { toAttemptRow, toDeliveryRow, toPayloadRow } from './projection-rows';
import { ProjectionRepository } from './projection.repository';

export interface ProjectionResult {
  received: number;
  /** Attempts not seen before; the others were replays and changed nothing. */
  stored: number;
}

@Injectable()
export class ProjectionService {
  constructor(private readonly repository: ProjectionRepository) {}

  /**
   * Projects a batch of attempts in one transaction. Idempotent by attempt id: only attempts
   * stored for the first time touch deliveries and payloads, so a replay changes nothing.
   */
  async project(events: readonly AttemptEventDto[]): Promise<ProjectionResult> {
    if (events.length === 0) return { received: 0, stored: 0 };
    const unique = groupBy(events, (event) => event.attemptId).map(([first]) => first);
    return this.repository.transaction(async (writer) => {
      const insertedIds = await writer.insertAttempts(unique.map(toAttemptRow));
      const fresh = unique.filter((event) => insertedIds.has(event.attemptId));
      await writer.upsertPayloads(groupBy(fresh, (event) => event.eventId).map(toPayloadRow));
      await writer.upsertDeliveries(groupBy(fresh, (event) => event.deliveryId).map(toDeliveryRow));
      return { received: events.length, stored: fresh.length };
    });
  }
}
