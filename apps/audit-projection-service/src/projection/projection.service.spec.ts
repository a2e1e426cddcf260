import { aRetriedDelivery, anAttemptEvent } from '../../test/attempt-event.fixture';
import { RetentionPolicy } from '../retention/retention-policy';
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
import type { StatsIncrement } from './stats-rows';

/** The fixtures' attempts start on 2026-11-22; "now" is that evening. */
const NOW = new Date('2026-11-22T18:00:00.000Z');
const DAY_MS = 86_400_000;
const daysBefore = (days: number) => new Date(NOW.getTime() - days * DAY_MS).toISOString();

/** Keeps attempts by id like the table's primary key; records what reached the other tables. */
class InMemoryProjection implements ProjectionWriter {
  readonly attempts = new Map<string, AttemptRow>();
  readonly payloadWrites: PayloadRow[][] = [];
  readonly deliveryWrites: DeliveryRow[][] = [];
  readonly statsWrites: StatsIncrement[][] = [];

  async insertAttempts(rows: AttemptRow[]): Promise<Set<string>> {
    const inserted = new Set<string>();
    for (const row of rows) {
      if (this.attempts.has(row.id)) {
        continue;
      }
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

  async addStats(rows: StatsIncrement[]): Promise<void> {
    this.statsWrites.push(rows);
  }
}

function dto(value: object): AttemptEventDto {
  const parsed = parseAttemptEvent(value);
  if (!parsed.ok) {
    throw new Error(parsed.reason);
  }
  return parsed.value;
}

describe(ProjectionService.name, () => {
  let store: InMemoryProjection;
  let service: ProjectionService;

  beforeEach(() => {
    store = new InMemoryProjection();
    const repository = { transaction: (work) => work(store) } as Pick<ProjectionRepository, 'transaction'>;
    service = new ProjectionService(
      repository as ProjectionRepository,
      new RetentionPolicy({ payloadDays: 30, attemptDays: 90, statsDays: 400 }),
    );
  });

  it('writes one delivery row and one payload row per batch, from all its attempts', async () => {
    const [failed, succeeded] = aRetriedDelivery().map(dto);
    expect(await service.project([succeeded, failed], NOW)).toEqual({
      received: 2,
      stored: 2,
      pastRetention: 0,
    });
    expect(store.deliveryWrites).toEqual([
      [expect.objectContaining({ id: failed.deliveryId, lastAttemptNumber: 2 })],
    ]);
    expect(store.payloadWrites).toEqual([[expect.objectContaining({ eventId: failed.eventId })]]);
  });

  it('drops a duplicate inside a batch before writing', async () => {
    const attempt = dto(anAttemptEvent());
    expect(await service.project([attempt, attempt], NOW)).toEqual({
      received: 2,
      stored: 1,
      pastRetention: 0,
    });
    expect(store.attempts.size).toBe(1);
  });

  it('leaves deliveries and payloads alone when every attempt is a replay', async () => {
    const attempt = dto(anAttemptEvent());
    await service.project([attempt], NOW);
    expect(await service.project([attempt], NOW)).toEqual({ received: 1, stored: 0, pastRetention: 0 });
    expect(store.deliveryWrites.flat()).toHaveLength(1);
    expect(store.payloadWrites.flat()).toHaveLength(1);
    expect(store.statsWrites.flat()).toEqual([expect.objectContaining({ attempts: 1 })]);
  });

  it('merges only the new attempts of a batch that mixes replays and news', async () => {
    const [failed, succeeded] = aRetriedDelivery().map(dto);
    await service.project([failed], NOW);
    await service.project([failed, succeeded], NOW);
    expect(store.deliveryWrites[1]).toEqual([
      expect.objectContaining({ lastAttemptId: succeeded.attemptId, createdAt: '2026-11-22T10:05:01.300Z' }),
    ]);
    expect(store.statsWrites[1]).toEqual([
      expect.objectContaining({
        attempts: 1,
        outcomes: expect.objectContaining({ success: 1, http_5xx: 0 }),
      }),
    ]);
  });

  it('skips attempts that started before the attempts retention, so a replay cannot resurrect them', async () => {
    const old = dto(anAttemptEvent({ startedAt: daysBefore(91), eventOccurredAt: daysBefore(91) }));
    const recent = dto(anAttemptEvent({ startedAt: daysBefore(89), eventOccurredAt: daysBefore(89) }));
    expect(await service.project([old, recent], NOW)).toEqual({ received: 2, stored: 1, pastRetention: 1 });
    expect([...store.attempts.keys()]).toEqual([recent.attemptId]);
    expect(store.deliveryWrites.flat().map((row) => row.id)).toEqual([recent.deliveryId]);
    expect(store.statsWrites.flat()).toEqual([expect.objectContaining({ attempts: 1 })]);
  });

  it('stores no payload for an event that occurred before the payload retention', async () => {
    const event = dto(anAttemptEvent({ startedAt: daysBefore(31), eventOccurredAt: daysBefore(31) }));
    expect(await service.project([event], NOW)).toEqual({ received: 1, stored: 1, pastRetention: 0 });
    expect(store.payloadWrites.flat()).toEqual([]);
    expect(store.deliveryWrites.flat().map((row) => row.id)).toEqual([event.deliveryId]);
  });

  it('opens no transaction when every attempt is past retention', async () => {
    const transaction = jest.fn();
    const skipping = new ProjectionService(
      { transaction } as unknown as ProjectionRepository,
      new RetentionPolicy({ payloadDays: 30, attemptDays: 90, statsDays: 400 }),
    );
    const old = dto(anAttemptEvent({ startedAt: daysBefore(100) }));
    expect(await skipping.project([old], NOW)).toEqual({ received: 1, stored: 0, pastRetention: 1 });
    expect(transaction).not.toHaveBeenCalled();
  });

  it('does not open a transaction for an empty batch', async () => {
    expect(await service.project([], NOW)).toEqual({ received: 0, stored: 0, pastRetention: 0 });
    expect(store.attempts.size).toBe(0);
  });
});
