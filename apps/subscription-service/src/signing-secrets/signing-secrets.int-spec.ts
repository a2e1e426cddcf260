import { Topics, type WebhookState } from '@hookline/contracts';
import { SecretBox, generateSigningSecret } from '@hookline/security';
import { eventually } from '@hookline/testing';
import {
  RETIRED_KEY,
  SubscriptionTestContext,
  type ErrorBody,
  type WebhookBody,
} from '../../test/subscription-test-context';
import { TopicRecorder } from '../../test/topic-recorder';

const GRACE_SECONDS = 3_600;

describe('signing secrets (HTTP + Postgres + Kafka)', () => {
  let context: SubscriptionTestContext;
  let subscriptions: TopicRecorder;
  let token: string;

  const statesOf = (webhookId: string): WebhookState[] =>
    subscriptions.keyed(webhookId).map((message) => message.value as WebhookState);
  const stateAt = (webhookId: string, version: number): Promise<WebhookState> =>
    eventually(() => {
      const state = statesOf(webhookId).find((candidate) => candidate.version === version);
      expect(state).toBeDefined();
      return state as WebhookState;
    });
  const rotate = (webhookId: string, body: Record<string, unknown> = {}) =>
    context.http.request<{ key: string } & ErrorBody>('POST', `/v1/webhooks/${webhookId}/secret/rotate`, {
      token,
      body,
    });
  const currentSecret = async (webhookId: string): Promise<string> =>
    (await context.http.request<{ key: string }>('GET', `/v1/webhooks/${webhookId}/secret`, { token })).body
      .key;
  const open = (state: WebhookState) =>
    state.secrets.map((secret) => ({
      key: context.secretBox.decrypt(secret.encrypted, state.id),
      expiresAt: secret.expiresAt,
    }));

  beforeAll(async () => {
    context = await SubscriptionTestContext.start('secrets-int', {
      SECRET_ROTATION_GRACE_SECONDS: String(GRACE_SECONDS),
      SECRET_CLEANUP_INTERVAL_MS: '200',
      SECRET_REENCRYPTION_INTERVAL_MS: '200',
    });
    subscriptions = await context.recordTopic(Topics.subscriptions);
    token = (await context.createOrganization('Rotation GmbH')).apiKey.key;
  });

  afterAll(async () => {
    await subscriptions?.stop();
    await context?.stop();
  });

  it('reads a secret only with the scope secrets:read: webhooks:read alone gets a 403 naming it', async () => {
    const organization = await context.createOrganization('Scoped Secrets');
    const webhook = await context.createWebhook(organization.apiKey.key);
    const reader = await context.issueKey(organization.id, ['webhooks:read']);
    const secretReader = await context.issueKey(organization.id, ['webhooks:read', 'secrets:read']);
    const path = `/v1/webhooks/${webhook.id}/secret`;

    const refused = await context.http.request<ErrorBody>('GET', path, { token: reader.key });
    const allowed = await context.http.request<{ key: string }>('GET', path, { token: secretReader.key });

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
    const webhook = await context.createWebhook(token);
    const rotatedAt = Date.now();

    const rotated = await rotate(webhook.id);

    expect(rotated).toEqual({ status: 200, body: { key: expect.stringMatching(/^whsec_/) } });
    expect(await currentSecret(webhook.id)).toBe(rotated.body.key);
    const [current, previous] = open(await stateAt(webhook.id, 2));
    expect(current).toEqual({ key: rotated.body.key, expiresAt: null });
    expect(previous.key).toBe(webhook.signingSecret);
    expect(Date.parse(previous.expiresAt ?? '') - rotatedAt).toBeGreaterThan((GRACE_SECONDS - 30) * 1000);
    expect(Date.parse(previous.expiresAt ?? '') - rotatedAt).toBeLessThan((GRACE_SECONDS + 30) * 1000);
  });

  it('takes a caller-chosen whsec_ key and a grace period of its own', async () => {
    const webhook = await context.createWebhook(token);
    const key = generateSigningSecret(24);

    const rotated = await rotate(webhook.id, { key, gracePeriodSeconds: 600 });

    expect(rotated.body).toEqual({ key });
    expect(await currentSecret(webhook.id)).toBe(key);
    const [, previous] = open(await stateAt(webhook.id, 2));
    expect(Date.parse(previous.expiresAt ?? '') - Date.now()).toBeLessThan(601_000);
  });

  it('with a grace period of 0 drops the old secret from the next state at once', async () => {
    const webhook = await context.createWebhook(token);

    const rotated = await rotate(webhook.id, { gracePeriodSeconds: 0 });

    expect(open(await stateAt(webhook.id, 2))).toEqual([{ key: rotated.body.key, expiresAt: null }]);
  });

  it('PATCH rotateSigningSecret rotates with the default grace period', async () => {
    const webhook = await context.createWebhook(token);

    const patched = await context.patchWebhook(token, webhook.id, { rotateSigningSecret: true });

    expect(
      open(await stateAt(webhook.id, 2)).map((secret) => [secret.key, secret.expiresAt === null]),
    ).toEqual([
      [patched.signingSecret, true],
      [webhook.signingSecret, false],
    ]);
  });

  it('signs with at most four retiring secrets however often it is rotated', async () => {
    const webhook = await context.createWebhook(token);
    for (let round = 0; round < 6; round += 1) {
      expect((await rotate(webhook.id)).status).toBe(200);
    }

    const state = await stateAt(webhook.id, 7);

    expect(state.secrets).toHaveLength(5);
    expect(state.secrets.filter((secret) => secret.expiresAt === null)).toHaveLength(1);
  });

  it('removes a secret once its grace period is over and publishes the state without it', async () => {
    const webhook = await context.createWebhook(token);
    const rotated = await rotate(webhook.id, { gracePeriodSeconds: 1 });
    expect(open(await stateAt(webhook.id, 2))).toHaveLength(2);

    const cleaned = await stateAt(webhook.id, 3);

    expect(open(cleaned)).toEqual([{ key: rotated.body.key, expiresAt: null }]);
    const rows = await context.database.query<Array<{ count: number }>>(
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
    const webhook = await context.createWebhook(token);

    const response = await rotate(webhook.id, body);

    expect(response.status).toBe(400);
    expect(response.body.message).toBe(message);
    expect(await currentSecret(webhook.id)).toBe(webhook.signingSecret);
  });

  it('refuses to rotate to the secret that is already current', async () => {
    const webhook = await context.createWebhook(token);

    const response = await rotate(webhook.id, { key: webhook.signingSecret });

    expect(response.status).toBe(400);
    expect(response.body.message).toBe('key is the current signing secret already; choose a new one');
  });

  it('re-encrypts secrets and credentials sealed with a retired key, and republishes the state', async () => {
    const retired = SecretBox.fromEnv(RETIRED_KEY);
    const webhook: WebhookBody = await context.createWebhook(token, {
      auth: { type: 'basic', username: 'hookline', password: 'correct-horse' },
    });
    await stateAt(webhook.id, 1);
    // As if written before the keyring got its new first key.
    await context.database.transaction(async (manager) => {
      await manager.query(
        `UPDATE subscription.webhook SET auth = jsonb_set(auth, '{encryptedPassword}', to_jsonb($2::text)) WHERE id = $1`,
        [webhook.id, retired.encrypt('correct-horse', webhook.id)],
      );
      await manager.query('UPDATE subscription.webhook_secret SET encrypted = $2 WHERE webhook_id = $1', [
        webhook.id,
        retired.encrypt(webhook.signingSecret ?? '', webhook.id),
      ]);
    });

    const state = await stateAt(webhook.id, 2);

    expect(state.secrets[0].encrypted).toMatch(/^v1\.it1\./);
    expect(open(state)).toEqual([{ key: webhook.signingSecret, expiresAt: null }]);
    if (state.auth.type !== 'basic') {
      throw new Error('expected basic auth');
    }
    expect(state.auth.encryptedPassword).toMatch(/^v1\.it1\./);
    expect(context.secretBox.decrypt(state.auth.encryptedPassword, webhook.id)).toBe('correct-horse');
    const [row] = await context.database.query<Array<{ password: string; secret: string }>>(
      `SELECT w.auth->>'encryptedPassword' AS password, s.encrypted AS secret
       FROM subscription.webhook w JOIN subscription.webhook_secret s ON s.webhook_id = w.id WHERE w.id = $1`,
      [webhook.id],
    );
    expect(row.password).toMatch(/^v1\.it1\./);
    expect(row.secret).toMatch(/^v1\.it1\./);
    expect(await currentSecret(webhook.id)).toBe(webhook.signingSecret);
  });

  it('re-encrypts an OAuth2 client secret sealed with a retired key, though nothing else is', async () => {
    const retired = SecretBox.fromEnv(RETIRED_KEY);
    const webhook: WebhookBody = await context.createWebhook(token, {
      auth: {
        type: 'oauth2',
        tokenUrl: 'https://auth.example.com/token',
        clientId: 'hookline',
        clientSecret: 'cs_retired',
      },
    });
    await stateAt(webhook.id, 1);
    await context.database.query(
      `UPDATE subscription.webhook SET auth = jsonb_set(auth, '{encryptedClientSecret}', to_jsonb($2::text)) WHERE id = $1`,
      [webhook.id, retired.encrypt('cs_retired', webhook.id)],
    );

    const state = await stateAt(webhook.id, 2);

    if (state.auth.type !== 'oauth2') {
      throw new Error('expected oauth2 auth');
    }
    expect(state.auth.encryptedClientSecret).toMatch(/^v1\.it1\./);
    expect(context.secretBox.decrypt(state.auth.encryptedClientSecret, webhook.id)).toBe('cs_retired');
    expect(state.auth).toMatchObject({ tokenUrl: 'https://auth.example.com/token', clientId: 'hookline' });
  });

  it('seals custom header values stored in clear or with a retired key, and republishes the state', async () => {
    const retired = SecretBox.fromEnv(RETIRED_KEY);
    const inClear: WebhookBody = await context.createWebhook(token, {});
    const underRetiredKey: WebhookBody = await context.createWebhook(token, {});
    await stateAt(inClear.id, 1);
    await stateAt(underRetiredKey.id, 1);
    // As an earlier version stored them, and as the keyring's former first key sealed them.
    await context.database.query(
      `UPDATE subscription.webhook SET headers = $2, encrypted_headers = '{}' WHERE id = $1`,
      [inClear.id, JSON.stringify({ 'X-Tenant': 'acme-in-clear' })],
    );
    await context.database.query(`UPDATE subscription.webhook SET encrypted_headers = $2 WHERE id = $1`, [
      underRetiredKey.id,
      JSON.stringify({ 'X-Api-Key': retired.encrypt('k-retired', underRetiredKey.id) }),
    ]);

    const opened = async (webhookId: string) => {
      const state = await stateAt(webhookId, 2);
      expect(state).not.toHaveProperty('headers');
      for (const sealed of Object.values(state.encryptedHeaders)) {
        expect(sealed).toMatch(/^v1\.it1\./);
      }
      return Object.fromEntries(
        Object.entries(state.encryptedHeaders).map(([name, sealed]) => [
          name,
          context.secretBox.decrypt(sealed, webhookId),
        ]),
      );
    };
    expect(await opened(inClear.id)).toEqual({ 'X-Tenant': 'acme-in-clear' });
    expect(await opened(underRetiredKey.id)).toEqual({ 'X-Api-Key': 'k-retired' });
    const rows = await context.database.query<Array<{ headers: object }>>(
      `SELECT headers FROM subscription.webhook WHERE id = ANY($1)`,
      [[inClear.id, underRetiredKey.id]],
    );
    expect(rows).toEqual([{ headers: {} }, { headers: {} }]);
  });
});
