import { Webhook } from 'standardwebhooks';
import { eventually, type ReceivedRequest } from '@hookline/testing';
import { arrivalOf } from './support/arrivals';
import { useStage } from './support/stage';

describe('signing secret rotation through the whole stack', () => {
  const stage = useStage('Rotating Roofers');

  /** The delivery of an event published now. */
  const deliveryOf = async (subject: string): Promise<ReceivedRequest> =>
    arrivalOf(stage.receiver, await stage.publish(subject));

  /** A delivery of an event published now, once one carries `signatures` signatures (retried until then). */
  const deliveryWithSignatures = (
    subject: string,
    signatures: number,
    timeoutMs: number,
    intervalMs: number,
  ) =>
    eventually(
      async () => {
        const request = await deliveryOf(subject);
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

  it('signs with both secrets during the grace period, then with the new one only', async () => {
    const created = await stage.webhookAt('/rotating', { name: 'rotating' });
    const oldSecret = created.signingSecret;
    await eventually(async () => expect(verifies(oldSecret, await deliveryOf('job_before'))).toBe(true), {
      timeoutMs: 30_000,
      intervalMs: 0,
    });

    const newSecret = await stage.rotateSigningSecret(created.id, 4);
    expect(newSecret).not.toBe(oldSecret);

    const duringGrace = await deliveryWithSignatures('job_during', 2, 10_000, 0);
    expect(verifies(oldSecret, duringGrace)).toBe(true);
    expect(verifies(newSecret, duringGrace)).toBe(true);

    const afterGrace = await deliveryWithSignatures('job_after', 1, 30_000, 500);
    expect(verifies(newSecret, afterGrace)).toBe(true);
    expect(verifies(oldSecret, afterGrace)).toBe(false);
  });
});
