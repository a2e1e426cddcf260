import { Topics, type WebhookState } from '@hookline/contracts';
import { generateSigningKeyPair, generateSigningSecret, publicKeyOf } from '@hookline/security';
import { eventually } from '@hookline/testing';
import {
  SubscriptionTestContext,
  type ErrorBody,
  type WebhookBody,
} from '../../test/subscription-test-context';
import { TopicRecorder } from '../../test/topic-recorder';

/** Webhooks signing with ed25519: the key pair is kept sealed, only its public key is ever shown. */
describe('ed25519 signing keys (HTTP + Postgres + Kafka)', () => {
  let context: SubscriptionTestContext;
  let subscriptions: TopicRecorder;
  let token: string;

  const stateAt = (webhookId: string, version: number): Promise<WebhookState> =>
    eventually(() => {
      const state = subscriptions
        .keyed(webhookId)
        .map((message) => message.value as WebhookState)
        .find((candidate) => candidate.version === version);
      expect(state).toBeDefined();
      return state as WebhookState;
    });
  const openedKeys = (state: WebhookState) =>
    state.secrets.map((secret) => context.secretBox.decrypt(secret.encrypted, state.id));
  const rotate = (webhookId: string, body: Record<string, unknown> = {}) =>
    context.http.request<{ key: string } & ErrorBody>('POST', `/v1/webhooks/${webhookId}/secret/rotate`, {
      token,
      body,
    });
  const revealed = async (webhookId: string) =>
    (await context.http.request<{ key: string }>('GET', `/v1/webhooks/${webhookId}/secret`, { token })).body
      .key;
  const createEd25519 = () =>
    context.createWebhook(token, { signatureScheme: { type: 'standard-webhooks-ed25519' } }) as Promise<
      WebhookBody & { signingSecret: string }
    >;

  beforeAll(async () => {
    context = await SubscriptionTestContext.start('ed25519-int', { SECRET_ROTATION_GRACE_SECONDS: '3600' });
    subscriptions = await context.recordTopic(Topics.subscriptions);
    token = (await context.createOrganization('Asymmetric Roofing')).apiKey.key;
  });

  afterAll(async () => {
    await subscriptions?.stop();
    await context?.stop();
  });

  it('shows the public key on create and on reading the secret; the state carries the sealed secret key', async () => {
    const webhook = await createEd25519();

    expect(webhook.signingSecret).toMatch(/^whpk_/);
    expect(webhook.signatureScheme).toEqual({ type: 'standard-webhooks-ed25519' });
    expect(await revealed(webhook.id)).toBe(webhook.signingSecret);
    const [secretKey] = openedKeys(await stateAt(webhook.id, 1));
    expect(secretKey).toMatch(/^whsk_/);
    expect(publicKeyOf(secretKey)).toBe(webhook.signingSecret);
  });

  it('rotates to a new key pair, the old key still signing for the grace period', async () => {
    const webhook = await createEd25519();

    const rotated = await rotate(webhook.id);

    expect(rotated.status).toBe(200);
    expect(rotated.body.key).toMatch(/^whpk_/);
    expect(rotated.body.key).not.toBe(webhook.signingSecret);
    const keys = openedKeys(await stateAt(webhook.id, 2));
    expect(keys.map(publicKeyOf)).toEqual([rotated.body.key, webhook.signingSecret]);
  });

  it('takes a chosen key pair of the scheme, and refuses a key of the other kind naming why', async () => {
    const webhook = await createEd25519();
    const chosen = generateSigningKeyPair();

    const refused = await rotate(webhook.id, { key: generateSigningSecret() });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('key must be a whsk_ ed25519 secret key');
    const malformed = await rotate(webhook.id, { key: `whsk_${Buffer.alloc(10).toString('base64')}` });
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toContain('key must be "whsk_" followed by the base64');

    const accepted = await rotate(webhook.id, { key: chosen.secretKey });
    expect(accepted.body.key).toBe(chosen.publicKey);
    expect(await revealed(webhook.id)).toBe(chosen.publicKey);
  });

  it('replaces every secret at once, those in their grace period too, when the scheme changes kind', async () => {
    const webhook = await createEd25519();
    expect((await rotate(webhook.id)).status).toBe(200);

    const toHmac = await context.http.request<{ signingSecret?: string }>(
      'PATCH',
      `/v1/webhooks/${webhook.id}`,
      {
        token,
        body: { signatureScheme: { type: 'standard-webhooks' } },
      },
    );

    expect(toHmac.status).toBe(200);
    expect(toHmac.body.signingSecret).toMatch(/^whsec_/);
    expect(openedKeys(await stateAt(webhook.id, 3))).toEqual([toHmac.body.signingSecret]);

    const back = await context.http.request<{ signingSecret?: string }>(
      'PATCH',
      `/v1/webhooks/${webhook.id}`,
      {
        token,
        body: { signatureScheme: { type: 'standard-webhooks-ed25519' } },
      },
    );
    expect(back.body.signingSecret).toMatch(/^whpk_/);
    expect(openedKeys(await stateAt(webhook.id, 4)).map(publicKeyOf)).toEqual([back.body.signingSecret]);

    const sameKind = await context.http.request<{ signingSecret?: string }>(
      'PATCH',
      `/v1/webhooks/${webhook.id}`,
      {
        token,
        body: { signatureScheme: { type: 'standard-webhooks-ed25519' }, name: 'renamed' },
      },
    );
    expect(sameKind.body).not.toHaveProperty('signingSecret');
  });
});
