import { findEventType } from '@hookline/contracts';
import { eventually } from '@hookline/testing';
import { call } from './support/api-client';
import { untilRouted } from './support/platform';
import { useStage } from './support/stage';

/**
 * A webhook's payload filter, through the whole stack: ingest accepts every event, dispatch
 * delivers only those the filter selects, and a changed filter applies once its state is routed.
 * The filtered webhook is ordered, so its deliveries of one subject arrive in acceptance order:
 * when an event published after another has arrived, the earlier one would have arrived before it.
 */
describe('payload filters through the whole stack', () => {
  const stage = useStage('Filtered Deliveries');
  let webhookId: string;

  const example = findEventType('job.status_changed')?.example as { job: Record<string, unknown> };
  const publish = async (subject: string, status: string, previousStatus = 'sold'): Promise<string> => {
    const response = await call<{ id: string }>('POST', `${stage.platform.ingest.baseUrl}/v1/events`, {
      token: stage.key,
      body: {
        type: 'job.status_changed',
        subject,
        data: { ...example, previousStatus, job: { ...example.job, status } },
      },
    });
    expect(response.status).toBe(202);
    return response.body.id;
  };

  beforeAll(async () => {
    ({ id: webhookId } = await stage.webhookAt('/filtered', {
      name: 'completed jobs',
      ordered: true,
      filter: {
        and: [
          { field: 'data.job.status', in: ['completed', 'closed'] },
          { not: { field: 'data.previousStatus', startsWith: 'est' } },
        ],
      },
    }));
    await untilRouted(
      () => publish('job_warmup', 'completed'),
      (eventId) => expect(stage.eventIdsAt('/filtered')).toContain(eventId),
    );
  });

  it('delivers the events the filter selects and only those', async () => {
    const wrongStatus = await publish('job_7', 'scheduled');
    const wrongPrevious = await publish('job_7', 'completed', 'estimating');
    const completed = await publish('job_7', 'completed');
    const closed = await publish('job_7', 'closed');

    await eventually(
      () => expect(stage.eventIdsAt('/filtered')).toEqual(expect.arrayContaining([completed, closed])),
      {
        timeoutMs: 30_000,
      },
    );
    // Published before them on the same subject, they would have arrived first.
    expect(stage.eventIdsAt('/filtered')).not.toContain(wrongStatus);
    expect(stage.eventIdsAt('/filtered')).not.toContain(wrongPrevious);
  });

  it('applies a changed filter once the new state is routed, and stops applying the old one', async () => {
    const changed = await call('PATCH', `${stage.platform.subscription.baseUrl}/v1/webhooks/${webhookId}`, {
      token: stage.key,
      body: { filter: { field: 'data.job.status', eq: 'scheduled' } },
    });
    expect(changed.status).toBe(200);

    await untilRouted(
      () => publish('job_8', 'scheduled'),
      (eventId) => expect(stage.eventIdsAt('/filtered')).toContain(eventId),
      { timeoutMs: 30_000 },
    );
    const nowSkipped = await publish('job_8', 'completed');
    const nowWanted = await publish('job_8', 'scheduled');

    await eventually(() => expect(stage.eventIdsAt('/filtered')).toContain(nowWanted), { timeoutMs: 30_000 });
    expect(stage.eventIdsAt('/filtered')).not.toContain(nowSkipped);
  });
});
