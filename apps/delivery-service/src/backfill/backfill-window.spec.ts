import { backfillProgressKey, type BackfillProgress, type BackfillRequest } from '@hookline/contracts';
import { planBackfill, stepAt, topicsOfBackfill, type TopicOffsets } from './backfill-window';

describe(planBackfill.name, () => {
  const request: BackfillRequest = {
    id: 'bf_1',
    organizationId: 'org_1',
    webhookId: 'wh_1',
    since: '2026-11-20T00:00:00.000Z',
    until: '2026-11-21T00:00:00.000Z',
    eventTypes: ['job.created'],
    status: 'running',
    requestedAt: '2026-11-21T00:00:00.000Z',
  };
  const now = new Date('2026-11-21T00:00:01.000Z');
  const offsets = (...values: string[]): TopicOffsets =>
    new Map([['domain.job.v1', values.map((offset, partition) => ({ partition, offset }))]]);

  it('starts each partition at the offset of since and ends it at the offset of until', () => {
    const plan = planBackfill(
      request,
      offsets('10', '0', '7'),
      offsets('25', '0', '3'),
      () => undefined,
      now,
    );
    expect(plan.map((p) => [p.partition, p.startOffset, p.nextOffset, p.endOffset, p.done])).toEqual([
      [0, '10', '10', '25', false],
      // Nothing in the window, or its start moved past its end (retention): done at once.
      [1, '0', '0', '0', true],
      [2, '7', '7', '7', true],
    ]);
    expect(plan.every((p) => p.partitionCount === 3 && p.scanned === 0)).toBe(true);
  });

  it('resumes a partition where its progress record says, with its counts, instead of starting over', () => {
    const recorded: BackfillProgress = {
      ...planBackfill(request, offsets('10'), offsets('25'), () => undefined, now)[0],
      nextOffset: '18',
      scanned: 8,
      matched: 3,
      enqueued: 3,
    };
    const plan = planBackfill(
      request,
      offsets('10', '0'),
      offsets('25', '4'),
      (key) => (key === backfillProgressKey('bf_1', 'domain.job.v1', 0) ? recorded : undefined),
      now,
    );
    expect(plan[0]).toMatchObject({ nextOffset: '18', scanned: 8, matched: 3, partitionCount: 2 });
    expect(plan[1]).toMatchObject({ nextOffset: '0', endOffset: '4', scanned: 0 });
  });
});

describe(stepAt.name, () => {
  const position = { nextOffset: '18', endOffset: '25' } as BackfillProgress;

  // It skips what was replayed before the checkpoint, reads up to the end, and stops there.
  it.each([
    [17n, 'skip'],
    [18n, 'read'],
    [24n, 'read'],
    [25n, 'past-end'],
    [26n, 'past-end'],
  ])('at offset %s: %s', (offset, step) => {
    expect(stepAt(position, offset)).toBe(step);
  });
});

describe(topicsOfBackfill.name, () => {
  it('reads the topic of each resource once, and none for an unknown type', () => {
    expect(topicsOfBackfill(['job.created', 'job.status_changed', 'estimate.created', 'nope.x'])).toEqual([
      'domain.estimate.v1',
      'domain.job.v1',
    ]);
  });
});
