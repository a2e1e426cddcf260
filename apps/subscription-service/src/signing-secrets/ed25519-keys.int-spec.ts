import type { WebhookState } from '@hookline/contracts';
import { generateSigningKeyPair, generateSigningSecret, publicKeyOf } from '@hookline/security';
import type { WebhookBody } from '../../test/subscription-test-context';
import { WebhookStatesSuite } from '../../test/webhook-states-suite';

/** Webhooks signing with ed25519: the key pair is kept sealed, only its public key is ever shown. */
describe('ed25519 signing keys (HTTP + Postgres + Kafka)', () => {
  const suite = WebhookStatesSuite.start('ed25519-int', 'Asymmetric Roofing', {
    SECRET_ROTATION_GRACE_SECONDS: '3600',
  });

  const openedKeys = (state: WebhookState) =>
    state.secrets.map((secret) => suite.context.secretBox.decrypt(secret.encrypted, state.id));
  const createEd25519 = () =>
    suite.context.createWebhook(suite.token, {
      signatureScheme: { type: 'standard-webhooks-ed25519' },
    }) as Promise<WebhookBody & { signingSecret: string }>;

  it('shows the public key on create and on reading the secret; the state carries the sealed secret key', async () => {
    const webhook = await createEd25519();

    expect(webhook.signingSecret).toMatch(/^whpk_/);
    expect(webhook.signatureScheme).toEqual({ type: 'standard-webhooks-ed25519' });
    expect(await suite.currentSecret(webhook.id)).toBe(webhook.signingSecret);
    const [secretKey] = openedKeys(await suite.stateAt(webhook.id, 1));
    expect(secretKey).toMatch(/^whsk_/);
    expect(publicKeyOf(secretKey)).toBe(webhook.signingSecret);
  });

  it('rotates to a new key pair, the old key still signing for the grace period', async () => {
    const webhook = await createEd25519();

    const rotated = await suite.rotateSecret(webhook.id);

    expect(rotated.status).toBe(200);
    expect(rotated.body.key).toMatch(/^whpk_/);
    expect(rotated.body.key).not.toBe(webhook.signingSecret);
    const keys = openedKeys(await suite.stateAt(webhook.id, 2));
    expect(keys.map(publicKeyOf)).toEqual([rotated.body.key, webhook.signingSecret]);
  });

  it('takes a chosen key pair of the scheme, and refuses a key of the other kind naming why', async () => {
    const webhook = await createEd25519();
    const chosen = generateSigningKeyPair();

    const refused = await suite.rotateSecret(webhook.id, { key: generateSigningSecret() });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('key must be a whsk_ ed25519 secret key');
    const malformed = await suite.rotateSecret(webhook.id, {
      key: `whsk_${Buffer.alloc(10).toString('base64')}`,
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toContain('key must be "whsk_" followed by the base64');

    const accepted = await suite.rotateSecret(webhook.id, { key: chosen.secretKey });
    expect(accepted.body.key).toBe(chosen.publicKey);
    expect(await suite.currentSecret(webhook.id)).toBe(chosen.publicKey);
  });

  it('replaces every secret at once, those in their grace period too, when the scheme changes kind', async () => {
    const webhook = await createEd25519();
    expect((await suite.rotateSecret(webhook.id)).status).toBe(200);

    const toHmac = await suite.context.http.request<{ signingSecret?: string }>(
      'PATCH',
      `/v1/webhooks/${webhook.id}`,
      {
        token: suite.token,
        body: { signatureScheme: { type: 'standard-webhooks' } },
      },
    );

    expect(toHmac.status).toBe(200);
    expect(toHmac.body.signingSecret).toMatch(/^whsec_/);
    expect(openedKeys(await suite.stateAt(webhook.id, 3))).toEqual([toHmac.body.signingSecret]);

    const back = await suite.context.http.request<{ signingSecret?: string }>(
      'PATCH',
      `/v1/webhooks/${webhook.id}`,
      {
        token: suite.token,
        body: { signatureScheme: { type: 'standard-webhooks-ed25519' } },
      },
    );
    expect(back.body.signingSecret).toMatch(/^whpk_/);
    expect(openedKeys(await suite.stateAt(webhook.id, 4)).map(publicKeyOf)).toEqual([
      back.body.signingSecret,
    ]);

    const sameKind = await suite.context.http.request<{ signingSecret?: string }>(
      'PATCH',
      `/v1/webhooks/${webhook.id}`,
      {
        token: suite.token,
        body: { signatureScheme: { type: 'standard-webhooks-ed25519' }, name: 'renamed' },
      },
    );
    expect(sameKind.body).not.toHaveProperty('signingSecret');
  });
});
