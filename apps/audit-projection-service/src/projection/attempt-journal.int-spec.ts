import { newId, type AttemptEvent } from '@hookline/contracts';
import { runMigrations } from '@hookline/platform';
import { testEnvironment } from '@hookline/testing';
import { DataSource } from 'typeorm';
import { aDeliveryHeld, anAttemptEvent, anAttemptStart, hoursAgo } from '../../test/attempt-event.fixture';
import { auditDataSourceOptions } from '../database/data-source';
import { RetentionPolicy } from '../retention/retention-policy';
import type { AttemptsTopicMessage } from './parse-attempt-message';
import { ProjectionRepository } from './projection.repository';
import { ProjectionService } from './projection.service';

const GRACE_SECONDS = 60;
const plus = (instant: string, ms: number) => new Date(Date.parse(instant) + ms).toISOString();

/**
 * Starts, interrupted attempts and holds through the real SQL: each attempts partition is a
 * fresh number, so tests do not share a watermark.
 */
describe('attempt starts, interrupted attempts and holds', () => {
  const env = testEnvironment();
  const organizationId = `org_${env.runId}_journal`;
  let dataSource: DataSource;
  let projection: ProjectionService;
  let partition = 1_000 + Math.floor(Math.random() * 1_000_000);

  beforeAll(async () => {
    const options = auditDataSourceOptions(env.databaseUrl);
    await runMigrations(options);
    dataSource = await new DataSource(options).initialize();
    projection = new ProjectionService(
      new ProjectionRepository(dataSource),
      new RetentionPolicy({ payloadDays: 30, attemptDays: 90, statsDays: 400 }),
    );
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  const anAttempt = (overrides: Parameters<typeof anAttemptEvent>[0] = {}) =>
    anAttemptEvent({ organizationId, webhookId: newId('wh'), ...overrides }, hoursAgo(1));
  const startOf = (event: AttemptEvent): AttemptsTopicMessage => ({
    kind: 'start',
    start: anAttemptStart(event),
    timestampMs: Date.parse(event.startedAt),
  });
  const outcomeOf = (event: AttemptEvent): AttemptsTopicMessage => ({ kind: 'attempt', event });
  const project = (at: number, newestTimestamp: string, ...messages: AttemptsTopicMessage[]) =>
    projection.projectBatch({ partition: at, messages, newestTimestampMs: Date.parse(newestTimestamp) });

  const attemptsOf = (deliveryId: string) =>
    dataSource.query<Array<{ id: string; outcome: string; response_status: number | null }>>(
      `SELECT id, outcome, response_status FROM audit.attempt WHERE delivery_id = $1 ORDER BY started_at`,
      [deliveryId],
    );
  const deliveryOf = async (deliveryId: string) => {
    const [row] = await dataSource.query<
      Array<{
        status: string;
        attempt_count: number;
        held_reason: string | null;
        next_attempt_at: Date | null;
      }>
    >(`SELECT status, attempt_count, held_reason, next_attempt_at FROM audit.delivery WHERE id = $1`, [
      deliveryId,
    ]);
    return row;
  };
  /** A delivery row as a breaker's hold leaves it, with `attemptCount` attempts made before. */
  const heldByBreaker = (attemptCount: number, nextAttemptAt: string) => ({
    status: 'retrying',
    attempt_count: attemptCount,
    held_reason: 'circuit_open',
    next_attempt_at: new Date(nextAttemptAt),
  });
  /** The rollups' attempts of the webhook against a recount of its attempts, by outcome. */
  const rollupAndRecount = async (webhookId: string) => {
    const [rollup] = await dataSource.query<
      Array<{ attempts: number; interrupted: number; success: number }>
    >(
      `SELECT sum(attempts)::int AS attempts, sum(outcome_interrupted)::int AS interrupted,
              sum(outcome_success)::int AS success
       FROM audit.stats_hourly WHERE webhook_id = $1`,
      [webhookId],
    );
    const [recount] = await dataSource.query<
      Array<{ attempts: number; interrupted: number; success: number }>
    >(
      `SELECT count(*)::int AS attempts, count(*) FILTER (WHERE outcome = 'interrupted')::int AS interrupted,
              count(*) FILTER (WHERE outcome = 'success')::int AS success
       FROM audit.attempt WHERE webhook_id = $1`,
      [webhookId],
    );
    return { rollup, recount };
  };
  const pendingStarts = async (deliveryId: string) =>
    (
      await dataSource.query<Array<{ count: number }>>(
        `SELECT count(*)::int AS count FROM audit.attempt_start WHERE delivery_id = $1`,
        [deliveryId],
      )
    )[0].count;

  it('keeps a start without outcome until its partition has moved past the grace, then logs it as interrupted', async () => {
    const at = (partition += 1);
    const cut = anAttempt();
    await project(at, cut.startedAt, startOf(cut));
    await projection.sweepInterrupted(GRACE_SECONDS, 500);
    expect(await pendingStarts(cut.deliveryId)).toBe(1);

    // Other traffic on the partition, still within the grace: the outcome could yet come.
    await project(at, plus(cut.startedAt, (GRACE_SECONDS - 5) * 1_000));
    await projection.sweepInterrupted(GRACE_SECONDS, 500);
    expect(await pendingStarts(cut.deliveryId)).toBe(1);
    expect(await attemptsOf(cut.deliveryId)).toEqual([]);

    await project(at, plus(cut.startedAt, (GRACE_SECONDS + 1) * 1_000));
    expect(await projection.sweepInterrupted(GRACE_SECONDS, 500)).toBeGreaterThanOrEqual(1);
    expect(await attemptsOf(cut.deliveryId)).toEqual([
      { id: cut.attemptId, outcome: 'interrupted', response_status: null },
    ]);
    expect(await deliveryOf(cut.deliveryId)).toMatchObject({ status: 'pending', attempt_count: 1 });
    expect(await pendingStarts(cut.deliveryId)).toBe(0);
    const { rollup, recount } = await rollupAndRecount(cut.webhookId);
    expect(rollup).toEqual(recount);
    expect(rollup).toEqual({ attempts: 1, interrupted: 1, success: 0 });
  });

  it('logs a start as interrupted at once when a later attempt of the delivery is logged (the replay)', async () => {
    const at = (partition += 1);
    const cut = anAttempt();
    const replay = anAttempt({
      eventId: cut.eventId,
      webhookId: cut.webhookId,
      deliveryId: cut.deliveryId,
      startedAt: plus(cut.startedAt, 3_000),
      payload: cut.payload,
    });
    await project(at, cut.startedAt, startOf(cut));
    await project(at, replay.startedAt, startOf(replay), outcomeOf(replay));
    await projection.sweepInterrupted(GRACE_SECONDS, 500);
    expect(await attemptsOf(cut.deliveryId)).toEqual([
      { id: cut.attemptId, outcome: 'interrupted', response_status: null },
      { id: replay.attemptId, outcome: 'success', response_status: 200 },
    ]);
    // The replay is the later attempt: the delivery stays as it left it.
    expect(await deliveryOf(cut.deliveryId)).toMatchObject({ status: 'succeeded', attempt_count: 2 });
    const { rollup, recount } = await rollupAndRecount(cut.webhookId);
    expect(rollup).toEqual(recount);
  });

  it('never logs a start whose outcome came, whether in the same batch or a later one', async () => {
    const at = (partition += 1);
    const together = anAttempt();
    const apart = anAttempt();
    await project(at, together.startedAt, startOf(together), outcomeOf(together));
    await project(at, apart.startedAt, startOf(apart));
    await project(at, apart.startedAt, outcomeOf(apart));
    await project(at, plus(apart.startedAt, 2 * GRACE_SECONDS * 1_000));
    await projection.sweepInterrupted(GRACE_SECONDS, 500);
    expect(await attemptsOf(together.deliveryId)).toEqual([
      { id: together.attemptId, outcome: 'success', response_status: 200 },
    ]);
    expect(await attemptsOf(apart.deliveryId)).toEqual([
      { id: apart.attemptId, outcome: 'success', response_status: 200 },
    ]);
    // A replay of the start after its outcome adds nothing either.
    await project(at, apart.startedAt, startOf(apart));
    expect(await pendingStarts(apart.deliveryId)).toBe(0);
  });

  it('replaces an interrupted attempt by its outcome when that comes after all, keeping counts true', async () => {
    const at = (partition += 1);
    const late = anAttempt();
    await project(at, late.startedAt, startOf(late));
    await project(at, plus(late.startedAt, (GRACE_SECONDS + 1) * 1_000));
    await projection.sweepInterrupted(GRACE_SECONDS, 500);
    expect(await attemptsOf(late.deliveryId)).toEqual([
      { id: late.attemptId, outcome: 'interrupted', response_status: null },
    ]);

    await project(at, plus(late.startedAt, (GRACE_SECONDS + 2) * 1_000), outcomeOf(late));
    expect(await attemptsOf(late.deliveryId)).toEqual([
      { id: late.attemptId, outcome: 'success', response_status: 200 },
    ]);
    expect(await deliveryOf(late.deliveryId)).toMatchObject({ status: 'succeeded', attempt_count: 1 });
    const { rollup, recount } = await rollupAndRecount(late.webhookId);
    expect(rollup).toEqual(recount);
    expect(rollup).toEqual({ attempts: 1, interrupted: 0, success: 1 });

    // Replayed once more, the outcome changes nothing.
    await project(at, late.startedAt, outcomeOf(late));
    expect((await rollupAndRecount(late.webhookId)).rollup).toEqual({
      attempts: 1,
      interrupted: 0,
      success: 1,
    });
  });

  it('shows a held delivery as retrying with its reason before any attempt, until the attempt is made', async () => {
    const at = (partition += 1);
    const first = anAttempt();
    const held = aDeliveryHeld(first);
    await project(at, held.heldAt, { kind: 'held', held });
    expect(await deliveryOf(first.deliveryId)).toEqual(heldByBreaker(0, held.nextAttemptAt));
    const [payload] = await dataSource.query<Array<{ body: unknown }>>(
      `SELECT body FROM audit.payload WHERE event_id = $1`,
      [first.eventId],
    );
    expect(payload.body).toEqual(first.payload);

    await project(at, first.startedAt, startOf(first), outcomeOf(first));
    expect(await deliveryOf(first.deliveryId)).toMatchObject({
      status: 'succeeded',
      attempt_count: 1,
      held_reason: null,
      next_attempt_at: null,
    });

    // A hold of an attempt already made (replayed late) changes nothing.
    await project(at, held.heldAt, { kind: 'held', held });
    expect(await deliveryOf(first.deliveryId)).toMatchObject({ status: 'succeeded', held_reason: null });
  });

  it('holds a delivery after a failed attempt until the held retry is made', async () => {
    const at = (partition += 1);
    const failed = anAttempt({
      outcome: 'http_5xx',
      responseStatus: 503,
      deliveryStatus: 'retrying',
      nextAttemptAt: plus(hoursAgo(1), 10_000),
    });
    await project(at, failed.startedAt, startOf(failed), outcomeOf(failed));
    const held = aDeliveryHeld(failed, {
      attempt: 2,
      heldAt: plus(failed.startedAt, 10_000),
      nextAttemptAt: plus(failed.startedAt, 40_000),
    });
    await project(at, held.heldAt, { kind: 'held', held });
    expect(await deliveryOf(failed.deliveryId)).toEqual(heldByBreaker(1, held.nextAttemptAt));
  });

  it('applies two holds of one delivery in one batch, the later one winning', async () => {
    const at = (partition += 1);
    const first = anAttempt();
    const earlier = aDeliveryHeld(first);
    const later = aDeliveryHeld(first, {
      heldAt: plus(earlier.heldAt, 30_000),
      nextAttemptAt: plus(earlier.nextAttemptAt, 30_000),
    });
    await project(at, later.heldAt, { kind: 'held', held: later }, { kind: 'held', held: earlier });
    expect(await deliveryOf(first.deliveryId)).toMatchObject({
      status: 'retrying',
      held_reason: 'circuit_open',
      next_attempt_at: new Date(later.nextAttemptAt),
    });
  });
});
