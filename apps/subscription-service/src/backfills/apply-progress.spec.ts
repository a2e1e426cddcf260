import type { BackfillProgress } from '@hookline/contracts';
import { applyProgress } from './apply-progress';
import type { Backfill } from './backfill.entity';
import { pendingBackfill } from './pending-backfill';

describe(applyProgress.name, () => {
  const now = new Date('2026-11-21T12:00:00.000Z');
  const window = {
    since: new Date('2026-11-20T00:00:00.000Z'),
    until: new Date('2026-11-21T00:00:00.000Z'),
    eventTypes: ['job.created'],
  };
  const aBackfill = (patch: Partial<Backfill> = {}): Backfill => ({
    ...pendingBackfill({ id: 'bf_1', organizationId: 'org_1', webhookId: 'wh_1' }, window, now),
    ...patch,
  });
  const record = (partition: number, scanned: number, matched: number, done: boolean): BackfillProgress => ({
    backfillId: 'bf_1',
    organizationId: 'org_1',
    webhookId: 'wh_1',
    topic: 'domain.job.v1',
    partition,
    partitionCount: 2,
    startOffset: '0',
    endOffset: '100',
    nextOffset: String(scanned),
    scanned,
    matched,
    enqueued: matched,
    done,
    at: now.toISOString(),
  });
  const applied = (backfill: Backfill, ...records: BackfillProgress[]) =>
    records.reduce((current, next) => ({ ...current, ...applyProgress(current, next, now) }), backfill);

  it('sums the latest record of each partition, so a repeated record changes nothing', () => {
    const backfill = applied(
      aBackfill(),
      record(0, 10, 4, false),
      record(1, 5, 1, false),
      record(0, 10, 4, false),
    );
    expect(backfill).toMatchObject({
      status: 'running',
      scanned: 15,
      matched: 5,
      enqueued: 5,
      partitionCount: 2,
    });
    expect(backfill.startedAt).toEqual(now);
  });

  it('completes once every partition is done', () => {
    const running = applied(aBackfill(), record(0, 100, 40, true));
    expect(running.status).toBe('running');
    const completed = applied(running, record(1, 100, 2, true));
    expect(completed).toMatchObject({ status: 'completed', matched: 42, finishedAt: now });
  });

  it('keeps a cancelled backfill cancelled while its last counts come in', () => {
    const backfill = applied(
      aBackfill({ status: 'cancelled', finishedAt: now }),
      record(0, 100, 40, true),
      record(1, 100, 2, true),
    );
    expect(backfill).toMatchObject({ status: 'cancelled', matched: 42 });
  });
});
