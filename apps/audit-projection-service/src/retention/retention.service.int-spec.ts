import { newId, type AttemptEvent } from '@hookline/contracts';
import { testEnvironment } from '@hookline/testing';
import { DataSource } from 'typeorm';
import { aRetriedDelivery, anAttemptEvent, validAttempt } from '../../test/attempt-event.fixture';
import { startAuditApp, type AuditTestApp } from '../../test/audit-test-app';
import { ProjectionService } from '../projection/projection.service';
import { RetentionService } from './retention.service';

const DAY_MS = 86_400_000;

describe(RetentionService.name, () => {
  const env = testEnvironment();
  const organizationId = `org_${env.runId}_retention`;
  const webhookId = newId('wh');
  const now = new Date();
  /** Whole hours, so each delivery's attempts share an hourly rollup row. */
  const daysAgo = (days: number) =>
    new Date(Math.floor((now.getTime() - days * DAY_MS) / 3_600_000) * 3_600_000).toISOString();
  const at = (days: number): [Partial<AttemptEvent>, string] => [
    { organizationId, webhookId },
    daysAgo(days),
  ];
  let audit: AuditTestApp;
  let dataSource: DataSource;

  // Defaults: payloads 30 days after their event, deliveries 90 days after their last attempt, rollups 400 days.
  const dueDeliveries = [91, 95, 120, 401].map((days) => [anAttemptEvent(...at(days))]);
  const straddling = aRetriedDelivery(...at(90.003));
  straddling[1] = { ...straddling[1], startedAt: daysAgo(89) };
  const payloadDue = [anAttemptEvent(...at(31))];
  const keptWhole = [anAttemptEvent(...at(29)), ...aRetriedDelivery(...at(1))];
  const kept = [straddling, payloadDue, [keptWhole[0]], keptWhole.slice(1)];

  /** What the tables hold for this test's organization, in a stable order. */
  async function snapshot() {
    const ids = async (sql: string) =>
      (await dataSource.query<Array<{ id: string }>>(sql, [organizationId])).map((row) => row.id);
    return {
      deliveries: await ids('SELECT id FROM audit.delivery WHERE organization_id = $1 ORDER BY id'),
      attempts: await ids('SELECT id FROM audit.attempt WHERE organization_id = $1 ORDER BY id'),
      payloads: await ids(
        'SELECT event_id AS id FROM audit.payload WHERE organization_id = $1 ORDER BY event_id',
      ),
      statsHours: await ids(
        `SELECT to_char(bucket_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24') AS id FROM audit.stats_hourly
         WHERE organization_id = $1 ORDER BY bucket_start`,
      ),
    };
  }

  const sorted = (values: string[]) => [...values].sort();
  const hourOf = (instant: string) => instant.slice(0, 13);

  beforeAll(async () => {
    audit = await startAuditApp(env, `${env.runId}-audit-retention`);
    dataSource = audit.app.get(DataSource);
    const projection = audit.app.get(ProjectionService);
    // Each delivery is projected as of one hour after it started: the log held it then.
    for (const attempts of [...dueDeliveries, ...kept]) {
      for (const attempt of attempts) {
        await projection.project(
          [validAttempt(attempt)],
          new Date(Date.parse(attempt.startedAt) + 3_600_000),
        );
      }
    }
  });

  afterAll(async () => {
    await audit?.close();
  });

  it('removes what is due and nothing else', async () => {
    const before = await snapshot();
    expect(before.deliveries).toHaveLength(dueDeliveries.length + kept.length);

    const result = await audit.app.get(RetentionService).prune(now, 2);

    const after = await snapshot();
    expect(after.deliveries).toEqual(sorted(kept.map((attempts) => attempts[0].deliveryId)));
    expect(after.attempts).toEqual(sorted(kept.flat().map((attempt) => attempt.attemptId)));
    // The straddling delivery keeps its 90-day-old first attempt: it goes with its last one.
    expect(after.attempts).toContain(straddling[0].attemptId);
    // Payloads go 30 days after their event occurred, even when the delivery stays.
    expect(after.payloads).toEqual(sorted([keptWhole[0].eventId, keptWhole[1].eventId]));
    // Rollups outlive the log: only the 401-day-old hour is gone.
    const keptHours = [...dueDeliveries.slice(0, 3), ...kept]
      .flat()
      .map((attempt) => hourOf(attempt.startedAt));
    expect(after.statsHours).toEqual(sorted([...new Set(keptHours)]));
    expect(result).toMatchObject({
      deliveries: expect.any(Number),
      attempts: expect.any(Number),
      payloads: expect.any(Number),
      statsRows: expect.any(Number),
    });
    expect(result.deliveries).toBeGreaterThanOrEqual(dueDeliveries.length);
    expect(result.attempts).toBeGreaterThanOrEqual(dueDeliveries.length);
    expect(result.statsRows).toBeGreaterThanOrEqual(1);

    // A second run finds nothing more of this organization's.
    await audit.app.get(RetentionService).prune(now, 2);
    expect(await snapshot()).toEqual(after);
  });

  it('does not bring pruned rows back when the attempts are replayed', async () => {
    const before = await snapshot();
    const projection = audit.app.get(ProjectionService);

    const replay = await projection.project(dueDeliveries.flat().map(validAttempt), now);
    expect(replay).toEqual({
      received: dueDeliveries.length,
      stored: 0,
      pastRetention: dueDeliveries.length,
    });
    // A new attempt about an event past the payload retention is logged, its payload is not stored again.
    const redelivered = {
      ...payloadDue[0],
      attemptId: newId('att'),
      attempt: 2,
      startedAt: now.toISOString(),
    };
    expect(await projection.project([validAttempt(redelivered)], now)).toMatchObject({ stored: 1 });

    const after = await snapshot();
    expect(after.deliveries).toEqual(before.deliveries);
    expect(after.payloads).toEqual(before.payloads);
    expect(after.attempts).toEqual(sorted([...before.attempts, redelivered.attemptId]));
  });
});
