import type { DataSource } from 'typeorm';
import { aRetriedDelivery, anAttemptEvent, validAttempt } from '../../test/attempt-event.fixture';
import { groupBy } from '../common/group-by';
import { toAttemptRow, toDeliveryRow, toPayloadRow } from './projection-rows';
import { ProjectionRepository, type ProjectionWriter } from './projection.repository';
import { toStatsIncrements } from './stats-rows';

interface Statement {
  sql: string;
  records: Array<Record<string, unknown>>;
}

/** Records each statement; answers an attempt insert as if every row was new. */
function recordingRepository(): { repository: ProjectionRepository; statements: Statement[] } {
  const statements: Statement[] = [];
  const manager = {
    query: async (sql: string, parameters: unknown[]) => {
      expect(parameters).toHaveLength(1);
      const records = JSON.parse(parameters[0] as string) as Array<Record<string, unknown>>;
      statements.push({ sql, records });
      return sql.includes('RETURNING id') ? records.map((record) => ({ id: record.id })) : [];
    },
  };
  const dataSource = { transaction: (work: (m: typeof manager) => unknown) => work(manager) };
  return { repository: new ProjectionRepository(dataSource as unknown as DataSource), statements };
}

/** The column names `jsonb_to_recordset(...) AS v(<name> <type>, ...)` declares. */
function recordsetColumns(sql: string): string[] {
  const definitions = /jsonb_to_recordset\(\$1::jsonb\) AS v\(([^)]*)\)/.exec(sql)?.[1] ?? '';
  return definitions.split(',').map((definition) => definition.trim().split(' ')[0]);
}

describe(ProjectionRepository.name, () => {
  // Several deliveries, webhooks and hours.
  const events = [
    ...aRetriedDelivery({ webhookId: 'wh_c' }),
    anAttemptEvent({ webhookId: 'wh_b' }),
    anAttemptEvent({ webhookId: 'wh_a' }, '2026-11-22T08:00:00.000Z'),
  ].map(validAttempt);

  /** The rows in reverse key order, the worst case for the order the writer must restore. */
  const descending = <Row>(rows: Row[], key: (row: Row) => string): Row[] =>
    [...rows].sort((a, b) => (key(a) < key(b) ? 1 : -1));

  async function writeAll(writer: ProjectionWriter): Promise<void> {
    await writer.insertAttempts(descending(events.map(toAttemptRow), (row) => row.id));
    await writer.upsertPayloads(
      descending(groupBy(events, (event) => event.eventId).map(toPayloadRow), (row) => row.eventId),
    );
    await writer.upsertDeliveries(
      descending(groupBy(events, (event) => event.deliveryId).map(toDeliveryRow), (row) => row.id),
    );
    await writer.addStats(
      descending(toStatsIncrements(events), (row) => `${row.bucketStart}${row.webhookId}`),
    );
  }

  it('sends each statement one jsonb parameter whose records carry exactly the declared columns', async () => {
    const { repository, statements } = recordingRepository();

    await repository.transaction(writeAll);

    expect(statements.map(({ sql }) => /INSERT INTO (\S+)/.exec(sql)?.[1])).toEqual([
      'audit.attempt',
      'audit.payload',
      'audit.delivery',
      'audit.stats_hourly',
    ]);
    for (const { sql, records } of statements) {
      expect(records.length).toBeGreaterThan(0);
      for (const record of records) {
        expect(Object.keys(record)).toEqual(recordsetColumns(sql));
      }
    }
  });

  it('writes every table in key order, so concurrent batches lock shared rows in one order', async () => {
    const { repository, statements } = recordingRepository();

    await repository.transaction(writeAll);

    const [attempts, payloads, deliveries, stats] = statements.map(({ records }) => records);
    const sorted = (keys: string[]) => [...keys].sort();
    const ids = (records: Array<Record<string, unknown>>, column: string) =>
      records.map((record) => String(record[column]));
    expect(ids(attempts, 'id')).toEqual(sorted(ids(attempts, 'id')));
    expect(ids(payloads, 'event_id')).toEqual(sorted(ids(payloads, 'event_id')));
    expect(ids(deliveries, 'id')).toEqual(sorted(ids(deliveries, 'id')));
    const statsKeys = stats.map((record) =>
      [record.organization_id, record.bucket_start, record.webhook_id, record.event_type].join('\u0000'),
    );
    expect(stats.length).toBeGreaterThan(1);
    expect(statsKeys).toEqual(sorted(statsKeys));
  });
});
