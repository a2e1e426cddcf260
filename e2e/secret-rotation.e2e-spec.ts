import { Webhook } from 'standardwebhooks';
import { TestReceiver, eventually, type ReceivedRequest } from '@hookline/testing';
import { arrivalOf } from './support/arrivals';
import {
  createOrganization,
  createWebhook,
  rotateSigningSecret,
  startPlatform,
  type Platform,
  publishEvent,
} from './support/platform';

describe('signing secret rotation through the whole stack', () => {
  let platform: Platform;
  let receiver: TestReceiver;
  let key: string;

  const publish = (subject: string) => publishEvent(platform, key, subject);

  const deliveryOf = (eventId: string): Promise<ReceivedRequest> => arrivalOf(receiver, eventId);

  /** A delivery of an event published now, once one carries `signatures` signatures (retried until then). */
  const deliveryWithSignatures = (
    subject: string,
    signatures: number,
    timeoutMs: number,
    intervalMs: number,
  ) =>
    eventually(
      async () => {
        const request = await deliveryOf(await publish(subject));
        expect(String(request.headers['webhook-signature']).split(' ')).toHaveLength(signatures);
        return request;
      },
      { timeoutMs, intervalMs },
    );

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
    const created = await createWebhook(platform, key, {
      name: 'rotating',
      url: `${receiver.url}/rotating`,
      events: ['job.*'],
      active: true,
    });
    const oldSecret = created.signingSecret;
    await eventually(
      async () => expect(verifies(oldSecret, await deliveryOf(await publish('job_before')))).toBe(true),
      {
        timeoutMs: 30_000,
        intervalMs: 0,
      },
    );

    const newSecret = await rotateSigningSecret(platform, key, created.id, 4);
    expect(newSecret).not.toBe(oldSecret);

    const duringGrace = await deliveryWithSignatures('job_during', 2, 10_000, 0);
    expect(verifies(oldSecret, duringGrace)).toBe(true);
    expect(verifies(newSecret, duringGrace)).toBe(true);

    const afterGrace = await deliveryWithSignatures('job_after', 1, 30_000, 500);
    expect(verifies(newSecret, afterGrace)).toBe(true);
    expect(verifies(oldSecret, afterGrace)).toBe(false);
  });
});
