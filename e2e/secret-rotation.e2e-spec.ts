import { Webhook } from 'standardwebhooks';
import { TestReceiver, eventually, type ReceivedRequest } from '@hookline/testing';
import { call } from './support/api-client';
import { createOrganization, startPlatform, type Platform, publishEvent } from './support/platform';

describe('signing secret rotation through the whole stack', () => {
  let platform: Platform;
  let receiver: TestReceiver;
  let key: string;

  const publish = (subject: string) => publishEvent(platform, key, subject);

  const deliveryOf = (eventId: string): Promise<ReceivedRequest> =>
    eventually(() => {
      const [request] = receiver.requests.filter((item) => item.headers['webhook-id'] === eventId);
      expect(request).toBeDefined();
      return request;
    });

  const verifies = (secret: string, request: ReceivedRequest): boolean => {
    try {
      new Webhook(secret).verify(request.body, request.headers as Record<string, string>);
      return true;
    } catch {
      return false;
    }
  };

  beforeAll(async () => {
    receiver = await TestReceiver.start();
    platform = await startPlatform();
    key = (await createOrganization(platform, 'Rotating Roofers')).apiKey.key;
  });

  afterAll(async () => {
    await platform?.stop();
    await receiver?.stop();
  });

  it('signs with both secrets during the grace period, then with the new one only', async () => {
    const created = await call<{ id: string; signingSecret: string }>(
      'POST',
      `${platform.subscription.baseUrl}/v1/webhooks`,
      {
        token: key,
        body: { name: 'rotating', url: `${receiver.url}/rotating`, events: ['job.*'], active: true },
      },
    );
    expect(created.status).toBe(201);
    const oldSecret = created.body.signingSecret;
    await eventually(
      async () => expect(verifies(oldSecret, await deliveryOf(await publish('job_before')))).toBe(true),
      {
        timeoutMs: 30_000,
        intervalMs: 0,
      },
    );

    const rotated = await call<{ key: string }>(
      'POST',
      `${platform.subscription.baseUrl}/v1/webhooks/${created.body.id}/secret/rotate`,
      { token: key, body: { gracePeriodSeconds: 4 } },
    );
    expect(rotated.status).toBe(200);
    const newSecret = rotated.body.key;
    expect(newSecret).not.toBe(oldSecret);

    const duringGrace = await eventually(
      async () => {
        const request = await deliveryOf(await publish('job_during'));
        expect(String(request.headers['webhook-signature']).split(' ')).toHaveLength(2);
        return request;
      },
      { timeoutMs: 10_000, intervalMs: 0 },
    );
    expect(verifies(oldSecret, duringGrace)).toBe(true);
    expect(verifies(newSecret, duringGrace)).toBe(true);

    const afterGrace = await eventually(
      async () => {
        const request = await deliveryOf(await publish('job_after'));
        expect(String(request.headers['webhook-signature']).split(' ')).toHaveLength(1);
        return request;
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    expect(verifies(newSecret, afterGrace)).toBe(true);
    expect(verifies(oldSecret, afterGrace)).toBe(false);
  });
});
