import { screen } from '@testing-library/react';
import userEventLib from '@testing-library/user-event';
import type { Backfill } from '../../api/types';
import { renderWithPortal } from '../../test/render';
import { BackfillList } from './BackfillList';

const userEvent = userEventLib.setup({ delay: null });

const running: Backfill = {
  id: 'bf_1',
  webhookId: 'wh_1',
  since: '2026-11-20T00:00:00.000Z',
  until: '2026-11-21T00:00:00.000Z',
  eventTypes: ['job.created'],
  status: 'running',
  scanned: 900,
  matched: 400,
  enqueued: 350,
  partitions: 6,
  partitionsDone: 2,
  createdAt: '2026-11-21T00:00:00.000Z',
  startedAt: '2026-11-21T00:00:01.000Z',
  finishedAt: null,
};

function renderList(backfills: Backfill[], canWrite = true) {
  const started: string[] = [];
  const cancelled: string[] = [];
  renderWithPortal(
    <BackfillList
      backfills={backfills}
      canWrite={canWrite}
      onStart={(since) => started.push(since)}
      onCancel={(id) => cancelled.push(id)}
    />,
  );
  return { started, cancelled };
}

describe('BackfillList', () => {
  it('shows a running backfill with its progress and cancels it, without offering a second one', async () => {
    const { cancelled } = renderList([running]);
    expect(screen.getByText('Running')).toBeTruthy();
    expect(screen.getByText('350 of 400 matching events sent, 900 read')).toBeTruthy();
    expect(screen.getByLabelText('2 of 6 partitions read')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Start backfill' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(cancelled).toEqual(['bf_1']);
  });

  it('starts a backfill from the moment typed, as an ISO instant', async () => {
    const { started } = renderList([{ ...running, status: 'completed', partitionsDone: 6 }]);
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    await userEvent.type(screen.getByLabelText('Send events since'), '2026-11-20T08:30');
    await userEvent.click(screen.getByRole('button', { name: 'Start backfill' }));
    expect(started).toEqual([new Date('2026-11-20T08:30').toISOString()]);
  });

  it('offers neither start nor cancel to a read-only session', () => {
    renderList([running], false);
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Start backfill' })).toBeNull();
  });
});
