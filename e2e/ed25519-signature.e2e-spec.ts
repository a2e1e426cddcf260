import { verify } from 'node:crypto';
import { parsePublicKey } from '@hookline/security';
import { eventually, type ReceivedRequest } from '@hookline/testing';
import { arrivalOf } from './support/arrivals';
import { useStage } from './support/stage';

/**
 * Standard Webhooks asymmetric signatures through the whole stack: the receiver holds only the
 * webhook's public key (as its owner read it from the API) and verifies `v1a` signatures with it.
 */
describe('ed25519 signatures through the whole stack', () => {
  const stage = useStage('Asymmetric Deliveries');

  /** The public keys (of those given) that verify one of the request's `v1a` signatures. */
  const verifyingKeys = (request: ReceivedRequest, publicKeys: readonly string[]): string[] => {
    const signed = Buffer.from(
      `${String(request.headers['webhook-id'])}.${String(request.headers['webhook-timestamp'])}.${request.body}`,
    );
    const signatures = String(request.headers['webhook-signature'])
      .split(' ')
      .map((part) => {
        expect(part.startsWith('v1a,')).toBe(true);
        return Buffer.from(part.slice(4), 'base64');
      });
    return publicKeys.filter((publicKey) =>
      signatures.some((signature) => verify(null, signed, parsePublicKey(publicKey), signature)),
    );
  };

  it('signs with the secret key what the public key alone verifies, with both keys during a rotation', async () => {
    const webhook = await stage.routedWebhookAt('/ed25519', {
      name: 'ed25519',
      signatureScheme: { type: 'standard-webhooks-ed25519' },
    });
    const oldKey = webhook.signingSecret;
    expect(oldKey).toMatch(/^whpk_/);

    const before = await arrivalOf(stage.receiver, await stage.publish('job_before'), {
      path: '/ed25519',
      timeoutMs: 30_000,
    });
    expect(verifyingKeys(before, [oldKey])).toEqual([oldKey]);

    const newKey = await stage.rotateSigningSecret(webhook.id, 3_600);
    expect(newKey).toMatch(/^whpk_/);
    // The rotation reaches delivery through Kafka: publish until a request carries both signatures.
    const during = await eventually(
      async () => {
        const request = await arrivalOf(stage.receiver, await stage.publish('job_during'), {
          path: '/ed25519',
          timeoutMs: 10_000,
        });
        expect(String(request.headers['webhook-signature']).split(' ')).toHaveLength(2);
        return request;
      },
      { timeoutMs: 30_000, intervalMs: 0 },
    );
    expect(verifyingKeys(during, [oldKey, newKey])).toEqual([oldKey, newKey]);
    const tampered = { ...during, body: `${during.body} ` };
    expect(verifyingKeys(tampered, [oldKey, newKey])).toEqual([]);
  });
});
