import { createHmac } from 'node:crypto';
import { findEventType } from '@hookline/contracts';
import { TestReceiver, eventually } from '@hookline/testing';
import { call } from './support/api-client';
import { createOrganization, startPlatform, type Platform } from './support/platform';

/**
 * The compatibility scheme for receivers written against a plain hex HMAC of the body (the floor-plan
 * document's integration): the receiver recomputes it from the raw body and the secret the API returned.
 */
describe('hmac-sha256-hex signatures through the whole stack', () => {
  let platform: Platform;
  let receiver: TestReceiver;
  let key: string;

  beforeAll(async () => {
    receiver = await TestReceiver.start();
    platform = await startPlatform();
    key = (await createOrganization(platform, 'Hex Floor Plans')).apiKey.key;
  });

  afterAll(async () => {
    await platform?.stop();
    await receiver?.stop();
  });

  it('puts the hex HMAC-SHA256 of the raw body in the configured header', async () => {
    const created = await call<{ id: string; signingSecret: string }>(
      'POST',
      `${platform.subscription.baseUrl}/v1/webhooks`,
      {
        token: key,
        body: {
          name: 'floor plans',
          url: `${receiver.url}/floors`,
          events: ['floor.*'],
          active: true,
          signatureScheme: { type: 'hmac-sha256-hex', header: 'X-Floorplan-Signature' },
        },
      },
    );
    expect(created.status).toBe(201);
    const secret = await call<{ key: string }>(
      'GET',
      `${platform.subscription.baseUrl}/v1/webhooks/${created.body.id}/secret`,
      { token: key },
    );
    expect(secret.body.key).toBe(created.body.signingSecret);

    // The activation test may arrive first; the event is published once the webhook is routed.
    const published = await eventually(
      async () => {
        expect(receiver.requestsTo('/floors').length).toBeGreaterThan(0);
        const response = await call<{ id: string }>('POST', `${platform.ingest.baseUrl}/v1/events`, {
          token: key,
          body: {
            type: 'floor.published',
            subject: 'floor_7',
            data: findEventType('floor.published')?.example,
          },
        });
        expect(response.status).toBe(202);
        return response.body.id;
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    const request = await eventually(() => {
      const [found] = receiver
        .requestsTo('/floors')
        .filter((item) => item.headers['webhook-id'] === published);
      expect(found).toBeDefined();
      return found;
    });

    const expected = createHmac('sha256', secret.body.key).update(request.body).digest('hex');
    expect(request.headers['x-floorplan-signature']).toBe(expected);
    expect(request.headers['x-floorplan-signature']).toMatch(/^[0-9a-f]{64}$/);
    expect(request.headers).not.toHaveProperty('x-floorplan-signature-previous');

    // Rotation: a receiver still holding the old secret finds its digest in the -previous header.
    const rotated = await call<{ key: string }>(
      'POST',
      `${platform.subscription.baseUrl}/v1/webhooks/${created.body.id}/secret/rotate`,
      { token: key, body: { gracePeriodSeconds: 600 } },
    );
    expect(rotated.status).toBe(200);
    const duringGrace = await eventually(
      async () => {
        const response = await call<{ id: string }>('POST', `${platform.ingest.baseUrl}/v1/events`, {
          token: key,
          body: {
            type: 'floor.published',
            subject: 'floor_8',
            data: findEventType('floor.published')?.example,
          },
        });
        const delivered = await eventually(() => {
          const [found] = receiver
            .requestsTo('/floors')
            .filter((item) => item.headers['webhook-id'] === response.body.id);
          expect(found).toBeDefined();
          return found;
        });
        expect(delivered.headers).toHaveProperty('x-floorplan-signature-previous');
        return delivered;
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    const hex = (secretKey: string) => createHmac('sha256', secretKey).update(duringGrace.body).digest('hex');
    expect(duringGrace.headers['x-floorplan-signature']).toBe(hex(rotated.body.key));
    expect(duringGrace.headers['x-floorplan-signature-previous']).toBe(hex(secret.body.key));
  });
});
