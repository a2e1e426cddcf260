import type { WebhookState } from '@hookline/contracts';
import { SecretBox, generateSigningSecret } from '@hookline/security';
import { RETIRED_KEY, type ErrorBody, type WebhookBody } from '../../test/subscription-test-context';
import { WebhookStatesSuite } from '../../test/webhook-states-suite';

const GRACE_SECONDS = 3_600;

describe('signing secrets (HTTP + Postgres + Kafka)', () => {
  const suite = WebhookStatesSuite.start('secrets-int', 'Rotation GmbH', {
    SECRET_ROTATION_GRACE_SECONDS: String(GRACE_SECONDS),
    SECRET_CLEANUP_INTERVAL_MS: '200',
    SECRET_REENCRYPTION_INTERVAL_MS: '200',
  });

  const open = (state: WebhookState) =>
    state.secrets.map((secret) => ({
      key: suite.context.secretBox.decrypt(secret.encrypted, state.id),
      expiresAt: secret.expiresAt,
    }));

  it('reads a secret only with the scope secrets:read: webhooks:read alone gets a 403 naming it', async () => {
    const organization = await suite.context.createOrganization('Scoped Secrets');
    const webhook = await suite.context.createWebhook(organization.apiKey.key);
    const reader = await suite.context.issueKey(organization.id, ['webhooks:read']);
    const secretReader = await suite.context.issueKey(organization.id, ['webhooks:read', 'secrets:read']);
    const path = `/v1/webhooks/${webhook.id}/secret`;

    const refused = await suite.context.http.request<ErrorBody>('GET', path, { token: reader.key });
    const allowed = await suite.context.http.request<{ key: string }>('GET', path, {
      token: secretReader.key,
    });

    expect([refused.status, refused.body.message]).toEqual([
      403,
      'this API key lacks the scope secrets:read',
    ]);
    expect(allowed.status).toBe(200);
    expect(allowed.body.key).toBe(webhook.signingSecret);
    // The organization's first key has every scope, secrets:read included.
    expect(organization.apiKey.scopes).toContain('secrets:read');
  });

  it('rotates: GET secret returns the new key, and the state carries both, the old one until the grace period ends', async () => {
    const webhook = await suite.context.createWebhook(suite.token);
    const rotatedAt = Date.now();

    const rotated = await suite.rotateSecret(webhook.id);

    expect(rotated).toEqual({ status: 200, body: { key: expect.stringMatching(/^whsec_/) } });
    expect(await suite.currentSecret(webhook.id)).toBe(rotated.body.key);
    const [current, previous] = open(await suite.stateAt(webhook.id, 2));
    expect(current).toEqual({ key: rotated.body.key, expiresAt: null });
    expect(previous.key).toBe(webhook.signingSecret);
    expect(Date.parse(previous.expiresAt ?? '') - rotatedAt).toBeGreaterThan((GRACE_SECONDS - 30) * 1000);
    expect(Date.parse(previous.expiresAt ?? '') - rotatedAt).toBeLessThan((GRACE_SECONDS + 30) * 1000);
  });

  it('takes a caller-chosen whsec_ key and a grace period of its own', async () => {
    const webhook = await suite.context.createWebhook(suite.token);
    const key = generateSigningSecret(24);

    const rotated = await suite.rotateSecret(webhook.id, { key, gracePeriodSeconds: 600 });

    expect(rotated.body).toEqual({ key });
    expect(await suite.currentSecret(webhook.id)).toBe(key);
    const [, previous] = open(await suite.stateAt(webhook.id, 2));
    expect(Date.parse(previous.expiresAt ?? '') - Date.now()).toBeLessThan(601_000);
  });

  it('with a grace period of 0 drops the old secret from the next state at once', async () => {
    const webhook = await suite.context.createWebhook(suite.token);

    const rotated = await suite.rotateSecret(webhook.id, { gracePeriodSeconds: 0 });

    expect(open(await suite.stateAt(webhook.id, 2))).toEqual([{ key: rotated.body.key, expiresAt: null }]);
  });

  it('PATCH rotateSigningSecret rotates with the default grace period', async () => {
    const webhook = await suite.context.createWebhook(suite.token);

    const patched = await suite.context.patchWebhook(suite.token, webhook.id, { rotateSigningSecret: true });

    expect(
      open(await suite.stateAt(webhook.id, 2)).map((secret) => [secret.key, secret.expiresAt === null]),
    ).toEqual([
      [patched.signingSecret, true],
      [webhook.signingSecret, false],
    ]);
  });

  it('signs with at most four retiring secrets however often it is rotated', async () => {
    const webhook = await suite.context.createWebhook(suite.token);
    for (let round = 0; round < 6; round += 1) {
      expect((await suite.rotateSecret(webhook.id)).status).toBe(200);
    }

    const state = await suite.stateAt(webhook.id, 7);

    expect(state.secrets).toHaveLength(5);
    expect(state.secrets.filter((secret) => secret.expiresAt === null)).toHaveLength(1);
  });

  it('removes a secret once its grace period is over and publishes the state without it', async () => {
    const webhook = await suite.context.createWebhook(suite.token);
    const rotated = await suite.rotateSecret(webhook.id, { gracePeriodSeconds: 1 });
    expect(open(await suite.stateAt(webhook.id, 2))).toHaveLength(2);

    const cleaned = await suite.stateAt(webhook.id, 3);

    expect(open(cleaned)).toEqual([{ key: rotated.body.key, expiresAt: null }]);
    const rows = await suite.context.database.query<Array<{ count: number }>>(
      'SELECT count(*)::int AS count FROM subscription.webhook_secret WHERE webhook_id = $1',
      [webhook.id],
    );
    expect(rows[0].count).toBe(1);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a key without the prefix', { key: 'c2VjcmV0' }, 'key must start with "whsec_"'],
    ['a key that is not base64', { key: 'whsec_not base64!' }, 'key must be "whsec_" followed by base64'],
    [
      'a key that is too short',
      { key: `whsec_${Buffer.alloc(16).toString('base64')}` },
      'key must encode 24 to 64 bytes (got 16)',
    ],
    [
      'a grace period over a week',
      { gracePeriodSeconds: 604_801 },
      'gracePeriodSeconds must not be greater than 604800',
    ],
    ['a negative grace period', { gracePeriodSeconds: -1 }, 'gracePeriodSeconds must not be less than 0'],
    ['an unknown field', { expiresAt: 'never' }, 'expiresAt is not allowed'],
  ])('answers 400 to %s, naming the field', async (_, body, message) => {
    const webhook = await suite.context.createWebhook(suite.token);

    const response = await suite.rotateSecret(webhook.id, body);

    expect(response.status).toBe(400);
    expect(response.body.message).toBe(message);
    expect(await suite.currentSecret(webhook.id)).toBe(webhook.signingSecret);
  });

  it('refuses to rotate to the secret that is already current', async () => {
    const webhook = await suite.context.createWebhook(suite.token);

    const response = await suite.rotateSecret(webhook.id, { key: webhook.signingSecret });

    expect(response.status).toBe(400);
    expect(response.body.message).toBe('key is the current signing secret already; choose a new one');
  });

  it('re-encrypts secrets and credentials sealed with a retired key, and republishes the state', async () => {
    const retired = SecretBox.fromEnv(RETIRED_KEY);
    const webhook: WebhookBody = await suite.context.createWebhook(suite.token, {
      auth: { type: 'basic', username: 'hookline', password: 'correct-horse' },
    });
    await suite.stateAt(webhook.id, 1);
    // As if written before the keyring got its new first key.
    await suite.context.database.transaction(async (manager) => {
      await manager.query(
        `UPDATE subscription.webhook SET auth = jsonb_set(auth, '{encryptedPassword}', to_jsonb($2::text)) WHERE id = $1`,
        [webhook.id, retired.encrypt('correct-horse', webhook.id)],
      );
      await manager.query('UPDATE subscription.webhook_secret SET encrypted = $2 WHERE webhook_id = $1', [
        webhook.id,
        retired.encrypt(webhook.signingSecret ?? '', webhook.id),
      ]);
    });

    const state = await suite.stateAt(webhook.id, 2);

    expect(state.secrets[0].encrypted).toMatch(/^v1\.it1\./);
    expect(open(state)).toEqual([{ key: webhook.signingSecret, expiresAt: null }]);
    if (state.auth.type !== 'basic') {
      throw new Error('expected basic auth');
    }
    expect(state.auth.encryptedPassword).toMatch(/^v1\.it1\./);
    expect(suite.context.secretBox.decrypt(state.auth.encryptedPassword, webhook.id)).toBe('correct-horse');
    const [row] = await suite.context.database.query<Array<{ password: string; secret: string }>>(
      `SELECT w.auth->>'encryptedPassword' AS password, s.encrypted AS secret
       FROM subscription.webhook w JOIN subscription.webhook_secret s ON s.webhook_id = w.id WHERE w.id = $1`,
      [webhook.id],
    );
    expect(row.password).toMatch(/^v1\.it1\./);
    expect(row.secret).toMatch(/^v1\.it1\./);
    expect(await suite.currentSecret(webhook.id)).toBe(webhook.signingSecret);
  });

  it('re-encrypts an OAuth2 client secret sealed with a retired key, though nothing else is', async () => {
    const retired = SecretBox.fromEnv(RETIRED_KEY);
    const webhook: WebhookBody = await suite.context.createWebhook(suite.token, {
      auth: {
        type: 'oauth2',
        tokenUrl: 'https://auth.example.com/suite.token',
        clientId: 'hookline',
        clientSecret: 'cs_retired',
      },
    });
    await suite.stateAt(webhook.id, 1);
    await suite.context.database.query(
      `UPDATE subscription.webhook SET auth = jsonb_set(auth, '{encryptedClientSecret}', to_jsonb($2::text)) WHERE id = $1`,
      [webhook.id, retired.encrypt('cs_retired', webhook.id)],
    );

    const state = await suite.stateAt(webhook.id, 2);

    if (state.auth.type !== 'oauth2') {
      throw new Error('expected oauth2 auth');
    }
    expect(state.auth.encryptedClientSecret).toMatch(/^v1\.it1\./);
    expect(suite.context.secretBox.decrypt(state.auth.encryptedClientSecret, webhook.id)).toBe('cs_retired');
    expect(state.auth).toMatchObject({
      tokenUrl: 'https://auth.example.com/suite.token',
      clientId: 'hookline',
    });
  });

  it('seals custom header values stored in clear or with a retired key, and republishes the state', async () => {
    const retired = SecretBox.fromEnv(RETIRED_KEY);
    const inClear: WebhookBody = await suite.context.createWebhook(suite.token, {});
    const underRetiredKey: WebhookBody = await suite.context.createWebhook(suite.token, {});
    await suite.stateAt(inClear.id, 1);
    await suite.stateAt(underRetiredKey.id, 1);
    // As an earlier version stored them, and as the keyring's former first key sealed them.
    await suite.context.database.query(
      `UPDATE subscription.webhook SET headers = $2, encrypted_headers = '{}' WHERE id = $1`,
      [inClear.id, JSON.stringify({ 'X-Tenant': 'acme-in-clear' })],
    );
    await suite.context.database.query(
      `UPDATE subscription.webhook SET encrypted_headers = $2 WHERE id = $1`,
      [underRetiredKey.id, JSON.stringify({ 'X-Api-Key': retired.encrypt('k-retired', underRetiredKey.id) })],
    );

    const opened = async (webhookId: string) => {
      const state = await suite.stateAt(webhookId, 2);
      expect(state).not.toHaveProperty('headers');
      for (const sealed of Object.values(state.encryptedHeaders)) {
        expect(sealed).toMatch(/^v1\.it1\./);
      }
      return Object.fromEntries(
        Object.entries(state.encryptedHeaders).map(([name, sealed]) => [
          name,
          suite.context.secretBox.decrypt(sealed, webhookId),
        ]),
      );
    };
    expect(await opened(inClear.id)).toEqual({ 'X-Tenant': 'acme-in-clear' });
    expect(await opened(underRetiredKey.id)).toEqual({ 'X-Api-Key': 'k-retired' });
    const rows = await suite.context.database.query<Array<{ headers: object }>>(
      `SELECT headers FROM subscription.webhook WHERE id = ANY($1)`,
      [[inClear.id, underRetiredKey.id]],
    );
    expect(rows).toEqual([{ headers: {} }, { headers: {} }]);
  });
});
