import { createHmac } from 'node:crypto';
import { eventually } from '@hookline/testing';
import { call } from './support/api-client';
import { arrivalOf } from './support/arrivals';
import { useStage } from './support/stage';

/**
 * The compatibility scheme for receivers written against a plain hex HMAC of the body (the floor-plan
 * document's integration): the receiver recomputes it from the raw body and the secret the API returned.
 */
describe('hmac-sha256-hex signatures through the whole stack', () => {
  const stage = useStage('Hex Floor Plans');
  const publishFloorPlan = (subject: string) => stage.publish(subject, 'floor.published');

  it('puts the hex HMAC-SHA256 of the raw body in the configured header', async () => {
    const created = await stage.webhookAt('/floors', {
      name: 'floor plans',
      events: ['floor.*'],
      signatureScheme: { type: 'hmac-sha256-hex', header: 'X-Floorplan-Signature' },
    });
    const secret = await call<{ key: string }>(
      'GET',
      `${stage.platform.subscription.baseUrl}/v1/webhooks/${created.id}/secret`,
      { token: stage.key },
    );
    expect(secret.body.key).toBe(created.signingSecret);

    // The activation test may arrive first; the event is published once the webhook is routed.
    const published = await eventually(
      async () => {
        expect(stage.receiver.requestsTo('/floors').length).toBeGreaterThan(0);
        return publishFloorPlan('floor_7');
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    const request = await arrivalOf(stage.receiver, published, { path: '/floors' });

    const expected = createHmac('sha256', secret.body.key).update(request.body).digest('hex');
    expect(request.headers['x-floorplan-signature']).toBe(expected);
    expect(request.headers['x-floorplan-signature']).toMatch(/^[0-9a-f]{64}$/);
    expect(request.headers).not.toHaveProperty('x-floorplan-signature-previous');

    // Rotation: a receiver still holding the old secret finds its digest in the -previous header.
    const rotatedKey = await stage.rotateSigningSecret(created.id, 600);
    const duringGrace = await eventually(
      async () => {
        const delivered = await arrivalOf(stage.receiver, await publishFloorPlan('floor_8'), {
          path: '/floors',
        });
        expect(delivered.headers).toHaveProperty('x-floorplan-signature-previous');
        return delivered;
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    const hex = (secretKey: string) => createHmac('sha256', secretKey).update(duringGrace.body).digest('hex');
    expect(duringGrace.headers['x-floorplan-signature']).toBe(hex(rotatedKey));
    expect(duringGrace.headers['x-floorplan-signature-previous']).toBe(hex(secret.body.key));
  });
});
