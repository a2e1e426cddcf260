import type { AttemptEvent } from '@hookline/contracts';
import {
  aDeliveryHeld,
  aRetriedDelivery,
  anAttemptEvent,
  anAttemptStart,
  validAttempt,
} from '../../test/attempt-event.fixture';
import { RetentionPolicy } from '../retention/retention-policy';
import type {
  AttemptRow,
  AttemptStartRow,
  HoldRow,
  PayloadRow,
  ProjectionRepository,
  ProjectionWriter,
  StoredAttempts,
} from './projection.repository';
import type { DeliveryRow } from './projection-records';
import { ProjectionService, type AttemptsBatch } from './projection.service';
import type { AttemptsTopicMessage } from './parse-attempt-message';
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

  readonly starts = new Map<string, AttemptStartRow>();
  readonly holdWrites: HoldRow[][] = [];

  async insertStarts(rows: AttemptStartRow[]): Promise<void> {
    for (const row of rows) {
      if (!this.attempts.has(row.id)) {
        this.starts.set(row.id, row);
      }
    }
  }

  async insertAttempts(rows: AttemptRow[]): Promise<StoredAttempts> {
    const stored: StoredAttempts = { inserted: new Set(), replaced: new Set() };
    for (const row of rows) {
      const existing = this.attempts.get(row.id);
      if (existing === undefined) {
        stored.inserted.add(row.id);
      } else if (existing.outcome === 'interrupted' && row.outcome !== 'interrupted') {
        stored.replaced.add(row.id);
      } else {
        continue;
      }
      this.attempts.set(row.id, row);
    }
    return stored;
  }

  async deleteStarts(attemptIds: string[]): Promise<void> {
    for (const id of attemptIds) {
      this.starts.delete(id);
    }
  }

  async applyHolds(rows: HoldRow[]): Promise<void> {
    if (rows.length > 0) {
      this.holdWrites.push(rows);
    }
  }

  async advanceWatermark(): Promise<void> {}

  /** Every start is due: what the sweep's conditions are is the repository's test. */
  async takeInterruptedStarts(_grace: number, limit: number): Promise<AttemptStartRow[]> {
    const taken = [...this.starts.values()].slice(0, limit);
    for (const start of taken) {
      this.starts.delete(start.id);
    }
    return taken;
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
    const [failed, succeeded] = aRetriedDelivery().map(validAttempt);
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
    const attempt = validAttempt(anAttemptEvent());
    expect(await service.project([attempt, attempt], NOW)).toEqual({
      received: 2,
      stored: 1,
      pastRetention: 0,
    });
    expect(store.attempts.size).toBe(1);
  });

  it('leaves deliveries and payloads alone when every attempt is a replay', async () => {
    const attempt = validAttempt(anAttemptEvent());
    await service.project([attempt], NOW);
    expect(await service.project([attempt], NOW)).toEqual({ received: 1, stored: 0, pastRetention: 0 });
    expect(store.deliveryWrites.flat()).toHaveLength(1);
    expect(store.payloadWrites.flat()).toHaveLength(1);
    expect(store.statsWrites.flat()).toEqual([expect.objectContaining({ attempts: 1 })]);
  });

  it('merges only the new attempts of a batch that mixes replays and news', async () => {
    const [failed, succeeded] = aRetriedDelivery().map(validAttempt);
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
    const old = validAttempt(anAttemptEvent({ startedAt: daysBefore(91), eventOccurredAt: daysBefore(91) }));
    const recent = validAttempt(
      anAttemptEvent({ startedAt: daysBefore(89), eventOccurredAt: daysBefore(89) }),
    );
    expect(await service.project([old, recent], NOW)).toEqual({ received: 2, stored: 1, pastRetention: 1 });
    expect([...store.attempts.keys()]).toEqual([recent.attemptId]);
    expect(store.deliveryWrites.flat().map((row) => row.id)).toEqual([recent.deliveryId]);
    expect(store.statsWrites.flat()).toEqual([expect.objectContaining({ attempts: 1 })]);
  });

  it('stores no payload for an event that occurred before the payload retention', async () => {
    const event = validAttempt(
      anAttemptEvent({ startedAt: daysBefore(31), eventOccurredAt: daysBefore(31) }),
    );
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
    const old = validAttempt(anAttemptEvent({ startedAt: daysBefore(100) }));
    expect(await skipping.project([old], NOW)).toEqual({ received: 1, stored: 0, pastRetention: 1 });
    expect(transaction).not.toHaveBeenCalled();
  });

  it('does not open a transaction for an empty batch', async () => {
    expect(await service.project([], NOW)).toEqual({ received: 0, stored: 0, pastRetention: 0 });
    expect(store.attempts.size).toBe(0);
  });

  describe('attempt starts and interrupted attempts', () => {
    const batchOf = (...messages: AttemptsTopicMessage[]): AttemptsBatch => ({
      partition: 0,
      messages,
      newestTimestampMs: Date.parse(NOW.toISOString()),
    });
    const start = (event: AttemptEvent): AttemptsTopicMessage => ({
      kind: 'start',
      start: anAttemptStart(event),
      timestampMs: Date.parse(event.startedAt),
    });
    const outcome = (event: AttemptEvent): AttemptsTopicMessage => ({ kind: 'attempt', event });

    it('keeps a start until its outcome arrives, then forgets it', async () => {
      const attempt = validAttempt(anAttemptEvent());
      await service.projectBatch(batchOf(start(attempt)), NOW);
      expect([...store.starts.keys()]).toEqual([attempt.attemptId]);
      expect(store.attempts.size).toBe(0);
      await service.projectBatch(batchOf(outcome(attempt)), NOW);
      expect(store.starts.size).toBe(0);
      expect(store.attempts.get(attempt.attemptId)?.outcome).toBe('success');
    });

    it('stores no start whose outcome is in the same batch', async () => {
      const attempt = validAttempt(anAttemptEvent());
      await service.projectBatch(batchOf(start(attempt), outcome(attempt)), NOW);
      expect(store.starts.size).toBe(0);
      expect(store.attempts.size).toBe(1);
    });

    it('records a start without outcome as an interrupted attempt, counted once', async () => {
      const attempt = validAttempt(anAttemptEvent());
      await service.projectBatch(batchOf(start(attempt)), NOW);
      expect(await service.sweepInterrupted(180, 500, NOW)).toBe(1);
      expect(store.attempts.get(attempt.attemptId)).toEqual(
        expect.objectContaining({ outcome: 'interrupted', responseStatus: null, durationMs: 0 }),
      );
      expect(store.deliveryWrites.flat()).toEqual([
        expect.objectContaining({ id: attempt.deliveryId, status: 'pending', newAttempts: 1 }),
      ]);
      expect(store.statsWrites.flat()).toEqual([
        expect.objectContaining({ attempts: 1, outcomes: expect.objectContaining({ interrupted: 1 }) }),
      ]);
      expect(await service.sweepInterrupted(180, 500, NOW)).toBe(0);
    });

    it('replaces an interrupted attempt by its outcome when that comes after all, moving the counts', async () => {
      const attempt = validAttempt(anAttemptEvent());
      await service.projectBatch(batchOf(start(attempt)), NOW);
      await service.sweepInterrupted(180, 500, NOW);
      store.deliveryWrites.length = 0;
      store.statsWrites.length = 0;
      expect(await service.projectBatch(batchOf(outcome(attempt)), NOW)).toEqual(
        expect.objectContaining({ stored: 0 }),
      );
      expect(store.attempts.get(attempt.attemptId)?.outcome).toBe('success');
      expect(store.deliveryWrites.flat()).toEqual([
        expect.objectContaining({ status: 'succeeded', lastAttemptId: attempt.attemptId, newAttempts: 0 }),
      ]);
      // One row per rollup: the success added, the interrupted attempt taken back out.
      expect(store.statsWrites.flat()).toEqual([
        expect.objectContaining({
          attempts: 0,
          deliveriesStarted: 0,
          deliveriesSucceeded: 1,
          outcomes: expect.objectContaining({ interrupted: -1, success: 1 }),
        }),
      ]);
    });

    it('marks a held delivery and stores its payload', async () => {
      const attempt = validAttempt(anAttemptEvent());
      const held = aDeliveryHeld(attempt);
      await service.projectBatch(batchOf({ kind: 'held', held }), NOW);
      expect(store.holdWrites.flat()).toEqual([
        expect.objectContaining({ deliveryId: attempt.deliveryId, heldAttempt: 1, reason: 'circuit_open' }),
      ]);
      expect(store.payloadWrites.flat()).toEqual([expect.objectContaining({ eventId: attempt.eventId })]);
      expect(store.attempts.size).toBe(0);
    });
  });
});
