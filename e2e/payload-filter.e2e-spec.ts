import { findEventType } from '@hookline/contracts';
import { TestReceiver, eventually } from '@hookline/testing';
import { call } from './support/api-client';
import { createOrganization, startPlatform, untilRouted, type Platform } from './support/platform';

/**
 * A webhook's payload filter, through the whole stack: ingest accepts every event, dispatch
 * delivers only those the filter selects, and a changed filter applies once its state is routed.
 * The filtered webhook is ordered, so its deliveries of one subject arrive in acceptance order:
 * when an event published after another has arrived, the earlier one would have arrived before it.
 */
describe('payload filters through the whole stack', () => {
  let platform: Platform;
  let receiver: TestReceiver;
  let key: string;
  let webhookId: string;

  const example = findEventType('job.status_changed')?.example as { job: Record<string, unknown> };
  const publish = async (subject: string, status: string, previousStatus = 'sold'): Promise<string> => {
    const response = await call<{ id: string }>('POST', `${platform.ingest.baseUrl}/v1/events`, {
      token: key,
      body: {
        type: 'job.status_changed',
        subject,
        data: { ...example, previousStatus, job: { ...example.job, status } },
      },
    });
    expect(response.status).toBe(202);
    return response.body.id;
  };
  const arrivedAt = (path: string) =>
    receiver.requests
      .filter((request) => request.path === path)
      .map((request) => request.headers['webhook-id']);

  beforeAll(async () => {
    receiver = await TestReceiver.start();
    platform = await startPlatform();
    key = (await createOrganization(platform, 'Filtered Deliveries')).apiKey.key;
    const created = await call<{ id: string }>('POST', `${platform.subscription.baseUrl}/v1/webhooks`, {
      token: key,
      body: {
        name: 'completed jobs',
        url: `${receiver.url}/filtered`,
        events: ['job.*'],
        ordered: true,
        active: true,
        filter: {
          and: [
            { field: 'data.job.status', in: ['completed', 'closed'] },
            { not: { field: 'data.previousStatus', startsWith: 'est' } },
          ],
        },
      },
    });
    expect(created.status).toBe(201);
    webhookId = created.body.id;
    await untilRouted(
      () => publish('job_warmup', 'completed'),
      (eventId) => expect(arrivedAt('/filtered')).toContain(eventId),
    );
  });

  afterAll(async () => {
    await platform?.stop();
    await receiver?.stop();
  });

  it('delivers the events the filter selects and only those', async () => {
    const wrongStatus = await publish('job_7', 'scheduled');
    const wrongPrevious = await publish('job_7', 'completed', 'estimating');
    const completed = await publish('job_7', 'completed');
    const closed = await publish('job_7', 'closed');

    await eventually(
      () => expect(arrivedAt('/filtered')).toEqual(expect.arrayContaining([completed, closed])),
      {
        timeoutMs: 30_000,
      },
    );
    // Published before them on the same subject, they would have arrived first.
    expect(arrivedAt('/filtered')).not.toContain(wrongStatus);
    expect(arrivedAt('/filtered')).not.toContain(wrongPrevious);
  });

  it('applies a changed filter once the new state is routed, and stops applying the old one', async () => {
    const changed = await call('PATCH', `${platform.subscription.baseUrl}/v1/webhooks/${webhookId}`, {
      token: key,
      body: { filter: { field: 'data.job.status', eq: 'scheduled' } },
    });
    expect(changed.status).toBe(200);

    await untilRouted(
      () => publish('job_8', 'scheduled'),
      (eventId) => expect(arrivedAt('/filtered')).toContain(eventId),
      { timeoutMs: 30_000 },
    );
    const nowSkipped = await publish('job_8', 'completed');
    const nowWanted = await publish('job_8', 'scheduled');

    await eventually(() => expect(arrivedAt('/filtered')).toContain(nowWanted), { timeoutMs: 30_000 });
    expect(arrivedAt('/filtered')).not.toContain(nowSkipped);
  });
});
