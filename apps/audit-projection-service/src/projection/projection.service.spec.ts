import { aRetriedDelivery, anAttemptEvent } from '../../test/attempt-event.fixture';
import type { AttemptEventDto } from './dto/attempt-event.dto';
import { parseAttemptEvent } from './parse-attempt-message';
import type {
  AttemptRow,
  DeliveryRow,
  PayloadRow,
  ProjectionRepository,
  ProjectionWriter,
} from './projection.repository';
import { ProjectionService } from './projection.service';

/** Keeps attempts by id like the table's primary key; records what reached the other tables. */
class InMemoryProjection implements ProjectionWriter {
  readonly attempts = new Map<string, AttemptRow>();
  readonly payloadWrites: PayloadRow[][] = [];
  readonly deliveryWrites: DeliveryRow[][] = [];

  async insertAttempts(rows: AttemptRow[]): Promise<Set<string>> {
    const inserted = new Set<string>();
    for (const row of rows) {
      if (this.attempts.has(row.id)) continue;
      this.attempts.set(row.id, row);
      inserted.add(row.id);
    }
    return inserted;
  }

  async upsertPayloads(rows: PayloadRow[]): Promise<void> {
    this.payloadWrites.push(rows);
  }

  async upsertDeliveries(rows: DeliveryRow[]): Promise<void> {
    this.deliveryWrites.push(rows);
  }
}

function dto(value: object): AttemptEventDto {
  const parsed = parseAttemptEvent(value);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

describe(ProjectionService.name, () => {
  let store: InMemoryProjection;
  let service: ProjectionService;

  beforeEach(() => {
    store = new InMemoryProjection();
    const repository = { transaction: (work) => work(store) } as Pick<ProjectionRepository, 'transaction'>;
    service = new ProjectionService(repository as ProjectionRepository);
  });

  it('writes one delivery row and one payload row per batch, from all its attempts', async () => {
    const [failed, succeeded] = aRetriedDelivery().map(dto);
    expect(await service.project([succeeded, failed])).toEqual({ received: 2, stored: 2 });
    expect(store.deliveryWrites).toEqual([
      [expect.objectContaining({ id: failed.deliveryId, lastAttemptNumber: 2 })],
    ]);
    expect(store.payloadWrites).toEqual([[expect.objectContaining({ eventId: failed.eventId })]]);
  });

  it('drops a duplicate inside a batch before writing', async () => {
    const attempt = dto(anAttemptEvent());
    expect(await service.project([attempt, attempt])).toEqual({ received: 2, stored: 1 });
    expect(store.attempts.size).toBe(1);
  });

  it('leaves deliveries and payloads alone when every attempt is a replay', async () => {
    const attempt = dto(anAttemptEvent());
    await service.project([attempt]);
    expect(await service.project([attempt])).toEqual({ received: 1, stored: 0 });
    expect(store.deliveryWrites.flat()).toHaveLength(1);
    expect(store.payloadWrites.flat()).toHaveLength(1);
  });

  it('merges only the new attempts of a batch that mixes replays and news', async () => {
    const [failed, succeeded] = aRetriedDelivery().map(dto);
    await service.project([failed]);
    await service.project([failed, succeeded]);
    expect(store.deliveryWrites[1]).toEqual([
      expect.objectContaining({ lastAttemptId: succeeded.attemptId, createdAt: '2026-11-22T10:05:01.300Z' }),
    ]);
  });

  it('does not open a transaction for an empty batch', async () => {
    expect(await service.project([])).toEqual({ received: 0, stored: 0 });
    expect(store.attempts.size).toBe(0);
  });
});
