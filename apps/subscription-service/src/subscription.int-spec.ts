import { createHash } from 'node:crypto';
import {
  API_SCOPES,
  Topics,
  type ApiKeyRecord,
  type WebhookState,
  validateWebhookState,
  validateApiKeyRecord,
} from '@hookline/contracts';
import { eventually, conforming } from '@hookline/testing';
import type { DataSource } from 'typeorm';
import type { HttpClient } from '../test/http-client';
import {
  ADMIN_TOKEN,
  SubscriptionTestContext,
  type CreatedOrganization,
  type ErrorBody,
  type IssuedKey,
  type WebhookBody,
} from '../test/subscription-test-context';
import { TopicRecorder } from '../test/topic-recorder';

describe('subscription-service (HTTP + Postgres + Kafka)', () => {
  let context: SubscriptionTestContext;
  let http: HttpClient;
  let subscriptions: TopicRecorder;
  let apiKeys: TopicRecorder;
  let database: DataSource;

  const createOrganization = (name: string): Promise<CreatedOrganization> => context.createOrganization(name);
  const createWebhook = (token: string, body: Record<string, unknown> = {}): Promise<WebhookBody> =>
    context.createWebhook(token, body);

  const statesOf = (webhookId: string): Array<WebhookState | null> =>
    subscriptions
      .keyed(webhookId)
      .map((message) => (message.value === null ? null : conforming(validateWebhookState, message.value)));

  beforeAll(async () => {
    context = await SubscriptionTestContext.start('subscription-int');
    ({ http, database } = context);
    subscriptions = await context.recordTopic(Topics.subscriptions);
    apiKeys = await context.recordTopic(Topics.apiKeys);
  });

  afterAll(async () => {
    await subscriptions?.stop();
    await apiKeys?.stop();
    await context?.stop();
  });

  it('counts its signals consumer in readiness', async () => {
    const ready = await http.request<{ info: Record<string, { status: string }> }>('GET', '/health/ready');
    expect(ready.body.info['signals-consumer']).toEqual({ status: 'up' });
  });

  it('is ready and documents its routes', async () => {
    expect((await http.request('GET', '/health/ready')).status).toBe(200);
    const docs = await http.request<{ paths: Record<string, unknown> }>('GET', '/docs-json');
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/organizations',
        '/v1/organizations/{organizationId}/api-keys',
        '/v1/webhooks',
        '/v1/webhooks/{id}',
        '/v1/webhooks/{id}/secret',
        '/v1/webhooks/{id}/secret/rotate',
        '/v1/webhooks/{id}/test',
        '/v1/event-types',
        '/v1/event-types/{type}/subscribed',
      ]),
    );
  });

  it('creates an organization with a full-scope key and announces the key (hash only) on the api-keys topic', async () => {
    const organization = await createOrganization('Summit Roofing');
    expect(organization).toEqual({
      id: expect.stringMatching(/^org_/),
      name: 'Summit Roofing',
      createdAt: expect.any(String),
      apiKey: {
        id: expect.stringMatching(/^key_/),
        name: 'default',
        key: expect.stringMatching(/^hk_/),
        prefix: organization.apiKey.key.slice(0, 10),
        scopes: [...API_SCOPES],
        createdAt: expect.any(String),
      },
    });
    const [stored] = await database.query<Array<{ hash: string }>>(
      'SELECT hash FROM subscription.api_key WHERE id = $1',
      [organization.apiKey.id],
    );
    const hash = createHash('sha256').update(organization.apiKey.key).digest('hex');
    expect(stored.hash).toBe(hash);

    const record = await eventually(() => {
      const [message] = apiKeys.keyed(organization.apiKey.id);
      expect(message).toBeDefined();
      return conforming(validateApiKeyRecord, message.value);
    });
    expect(record).toEqual({
      id: organization.apiKey.id,
      organizationId: organization.id,
      hash,
      scopes: [...API_SCOPES],
      revokedAt: null,
    });
    expect(JSON.stringify(apiKeys.keyed(organization.apiKey.id))).not.toContain(organization.apiKey.key);
  });

  describe('webhook lifecycle', () => {
    let organization: CreatedOrganization;
    let webhook: WebhookBody;

    beforeAll(async () => {
      organization = await createOrganization('Lifecycle Inc');
    });

    it('creates a webhook, inactive by default, with a signing secret and no credentials', async () => {
      webhook = await createWebhook(organization.apiKey.key, { description: 'CRM' });
      expect(webhook).toMatchObject({
        id: expect.stringMatching(/^wh_/),
        name: 'CRM sync',
        description: 'CRM',
        url: 'https://hooks.example.com/hookline',
        events: ['job.created', 'estimate.*'],
        active: false,
        version: 1,
        auth: { type: 'none' },
        signingSecret: expect.stringMatching(/^whsec_/),
      });
      expect(JSON.stringify(webhook)).not.toMatch(/encrypted|"secrets"|organizationId/);
    });

    it('publishes the full WebhookState with a secret that decrypts (AAD = webhook id) to the signing secret', async () => {
      const state = await eventually(() => {
        const [first] = statesOf(webhook.id);
        expect(first).toBeDefined();
        return first as WebhookState;
      });
      expect(state).toEqual({
        id: webhook.id,
        organizationId: organization.id,
        url: 'https://hooks.example.com/hookline',
        events: ['job.created', 'estimate.*'],
        filter: null,
        active: false,
        auth: { type: 'none' },
        encryptedHeaders: {},
        retryPolicy: null,
        timeoutSeconds: 15,
        tls: null,
        signatureScheme: { type: 'standard-webhooks' },
        secrets: [{ encrypted: expect.stringMatching(/^v1\.it1\./), expiresAt: null }],
        ordered: false,
        rateLimitPerSecond: null,
        maxConcurrency: null,
        version: 1,
        updatedAt: webhook.updatedAt,
      });
      expect(context.secretBox.decrypt(state.secrets[0].encrypted, webhook.id)).toBe(webhook.signingSecret);
      expect(() => context.secretBox.decrypt(state.secrets[0].encrypted, 'wh_someone_else')).toThrow(
        /different record/,
      );
    });

    it('reads the webhook and its secret back', async () => {
      const read = await http.request<WebhookBody>('GET', `/v1/webhooks/${webhook.id}`, {
        token: organization.apiKey.key,
      });
      expect(read.status).toBe(200);
      expect(read.body).toEqual({ ...webhook, signingSecret: undefined });
      const secret = await http.request('GET', `/v1/webhooks/${webhook.id}/secret`, {
        token: organization.apiKey.key,
      });
      expect(secret).toEqual({ status: 200, body: { key: webhook.signingSecret } });
    });

    it('PATCH changes only what it names and publishes a higher version', async () => {
      const patched = await http.request<WebhookBody>('PATCH', `/v1/webhooks/${webhook.id}`, {
        token: organization.apiKey.key,
        body: { active: true, events: ['job.*'] },
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({
        active: true,
        events: ['job.*'],
        name: 'CRM sync',
        description: 'CRM',
        version: 2,
      });
      const state = await eventually(() => {
        const latest = statesOf(webhook.id).at(-1);
        expect(latest?.version).toBe(2);
        return latest as WebhookState;
      });
      expect(state).toMatchObject({ active: true, events: ['job.*'] });
      expect(context.secretBox.decrypt(state.secrets[0].encrypted, webhook.id)).toBe(webhook.signingSecret);
    });

    it('answers 404 to another organization on get, patch, delete and secret', async () => {
      const other = await createOrganization('Other Org');
      const token = other.apiKey.key;
      const answers = await Promise.all([
        http.request<ErrorBody>('GET', `/v1/webhooks/${webhook.id}`, { token }),
        http.request<ErrorBody>('PATCH', `/v1/webhooks/${webhook.id}`, { token, body: { active: false } }),
        http.request<ErrorBody>('DELETE', `/v1/webhooks/${webhook.id}`, { token }),
        http.request<ErrorBody>('GET', `/v1/webhooks/${webhook.id}/secret`, { token }),
      ]);
      for (const answer of answers) {
        expect(answer.status).toBe(404);
        expect(answer.body).toEqual({
          statusCode: 404,
          error: 'Not Found',
          message: `webhook ${webhook.id} not found`,
        });
      }
      const list = await http.request<{ items: WebhookBody[] }>('GET', '/v1/webhooks', { token });
      expect(list.body.items).toEqual([]);
      expect(
        (
          await http.request<WebhookBody>('GET', `/v1/webhooks/${webhook.id}`, {
            token: organization.apiKey.key,
          })
        ).body.version,
      ).toBe(2);
    });

    it('DELETE answers 204, publishes a tombstone, and the webhook is gone', async () => {
      const deleted = await http.request('DELETE', `/v1/webhooks/${webhook.id}`, {
        token: organization.apiKey.key,
      });
      expect(deleted.status).toBe(204);
      await eventually(() => expect(statesOf(webhook.id).at(-1)).toBeNull());
      expect(statesOf(webhook.id).map((state) => state?.version ?? 'tombstone')).toEqual([1, 2, 'tombstone']);
      expect(
        (await http.request('GET', `/v1/webhooks/${webhook.id}`, { token: organization.apiKey.key })).status,
      ).toBe(404);
      const secrets = await database.query<Array<{ count: number }>>(
        'SELECT count(*)::int AS count FROM subscription.webhook_secret WHERE webhook_id = $1',
        [webhook.id],
      );
      expect(secrets[0].count).toBe(0);
    });

    it('publishes each change well within a second of its commit', async () => {
      await eventually(async () => {
        const [row] = await database.query<Array<{ pending: number; slowest: string }>>(
          `SELECT count(*) FILTER (WHERE published_at IS NULL)::int AS pending,
                  extract(epoch FROM max(published_at - created_at)) AS slowest
           FROM subscription.outbox WHERE key = $1`,
          [webhook.id],
        );
        expect(row.pending).toBe(0);
        expect(Number(row.slowest)).toBeLessThan(1);
      });
    });
  });

  describe('authentication and scopes', () => {
    let organization: CreatedOrganization;

    beforeAll(async () => {
      organization = await createOrganization('Auth Co');
    });

    it('answers 401 without a key, with an unknown key, and to an org key on admin routes', async () => {
      const missing = await http.request<ErrorBody>('GET', '/v1/webhooks');
      expect(missing.status).toBe(401);
      expect(missing.body.message).toContain('Authorization');
      expect((await http.request('GET', '/v1/webhooks', { token: `hk_${'x'.repeat(40)}` })).status).toBe(401);
      expect(
        (
          await http.request('POST', '/v1/organizations', {
            token: organization.apiKey.key,
            body: { name: 'x' },
          })
        ).status,
      ).toBe(401);
    });

    it('answers 403 to a read-only key that tries to write, and lets it read', async () => {
      const issued = await http.request<IssuedKey>('POST', `/v1/organizations/${organization.id}/api-keys`, {
        token: ADMIN_TOKEN,
        body: { name: 'dashboard', scopes: ['webhooks:read'] },
      });
      expect(issued.status).toBe(201);
      expect(issued.body).toMatchObject({ scopes: ['webhooks:read'], key: expect.stringMatching(/^hk_/) });
      const write = await http.request<ErrorBody>('POST', '/v1/webhooks', {
        token: issued.body.key,
        body: { name: 'x', url: 'https://hooks.example.com/', events: ['*'] },
      });
      expect(write.status).toBe(403);
      expect(write.body.message).toContain('webhooks:write');
      expect((await http.request('GET', '/v1/webhooks', { token: issued.body.key })).status).toBe(200);
      await eventually(() => expect(apiKeys.keyed(issued.body.id)).toHaveLength(1));
    });

    it('answers 404 when issuing a key for an unknown organization', async () => {
      const response = await http.request<ErrorBody>('POST', '/v1/organizations/org_nope/api-keys', {
        token: ADMIN_TOKEN,
        body: {},
      });
      expect(response.status).toBe(404);
      expect(response.body.message).toBe('organization org_nope not found');
    });

    it('refuses a revoked key and announces the revocation', async () => {
      const issued = await http.request<IssuedKey>('POST', `/v1/organizations/${organization.id}/api-keys`, {
        token: ADMIN_TOKEN,
        body: {},
      });
      expect(issued.body.scopes).toEqual([...API_SCOPES]);
      expect((await http.request('GET', '/v1/webhooks', { token: issued.body.key })).status).toBe(200);
      const revoked = await http.request(
        'DELETE',
        `/v1/organizations/${organization.id}/api-keys/${issued.body.id}`,
        {
          token: ADMIN_TOKEN,
        },
      );
      expect(revoked.status).toBe(204);
      expect((await http.request('GET', '/v1/webhooks', { token: issued.body.key })).status).toBe(401);
      await eventually(() => {
        const records = apiKeys.keyed(issued.body.id).map((message) => message.value as ApiKeyRecord);
        expect(records.at(-1)?.revokedAt).toEqual(expect.any(String));
      });
    });

    it('records when a key was last used, after the response', async () => {
      await http.request('GET', '/v1/webhooks', { token: organization.apiKey.key });
      await eventually(
        async () => {
          const [row] = await database.query<Array<{ last_used_at: Date | null }>>(
            'SELECT last_used_at FROM subscription.api_key WHERE id = $1',
            [organization.apiKey.id],
          );
          expect(row.last_used_at).not.toBeNull();
        },
        { timeoutMs: 15_000, intervalMs: 250 },
      );
    });
  });

  describe('validation', () => {
    let token: string;

    beforeAll(async () => {
      token = (await createOrganization('Validation Ltd')).apiKey.key;
    });

    const post = (body: unknown) => http.request<ErrorBody>('POST', '/v1/webhooks', { token, body });
    const valid = { name: 'CRM sync', url: 'https://hooks.example.com/hookline', events: ['job.created'] };

    it.each<[string, unknown, RegExp]>([
      ['an http:// url', { ...valid, url: 'http://hooks.example.com/' }, /url must use https/],
      [
        'a private address',
        { ...valid, url: 'https://10.0.0.1/' },
        /url points to a private or loopback address \(10\.0\.0\.1\)/,
      ],
      [
        'an unknown event type',
        { ...valid, events: ['job.craeted'] },
        /events\[0\] "job\.craeted" is not a known event type; did you mean "job\.created"\?/,
      ],
      ['empty events', { ...valid, events: [] }, /events should not be empty/],
      ['an unknown field', { ...valid, secret: 'x' }, /secret is not allowed/],
      ['a missing name', { url: valid.url, events: valid.events }, /^name /],
      ['a blank name', { ...valid, name: '   ' }, /name must not be blank/],
      ['a null active', { ...valid, active: null }, /active must be a boolean/],
      [
        'too many events',
        { ...valid, events: Array.from({ length: 101 }, () => 'job.created') },
        /events must contain no more than 100/,
      ],
      ['a url that is not a URL', { ...valid, url: 'hooks dot example' }, /url must be an absolute URL/],
      [
        'custom retries without delays',
        { ...valid, retryPolicy: { preset: 'custom' } },
        /retryPolicy\.delaysSeconds is required with preset "custom"/,
      ],
      [
        'retry delays out of bounds',
        { ...valid, retryPolicy: { preset: 'custom', delaysSeconds: [30, 604_801] } },
        /retryPolicy\.delaysSeconds must be whole seconds from 1 to 604800; \[1\] is 604801/,
      ],
      [
        'retry delays with a preset',
        { ...valid, retryPolicy: { preset: 'standard', delaysSeconds: [30] } },
        /retryPolicy\.delaysSeconds is only allowed with preset "custom"/,
      ],
      [
        'a forbidden header',
        { ...valid, headers: { 'Transfer-Encoding': 'chunked' } },
        /headers "Transfer-Encoding" cannot be set: hop-by-hop/,
      ],
      [
        'an authorization header',
        { ...valid, headers: { authorization: 'Basic eDp5' } },
        /headers "authorization" cannot be set: use auth/,
      ],
      [
        'an oversized name',
        { ...valid, name: 'n'.repeat(101) },
        /name must be shorter than or equal to 100 characters/,
      ],
      [
        'oversized metadata',
        {
          ...valid,
          metadata: Object.fromEntries(Array.from({ length: 51 }, (_, index) => [`k${index}`, 'v'])),
        },
        /metadata has 51 keys; at most 50 are allowed/,
      ],
      [
        'a bad auth type',
        { ...valid, auth: { type: 'digest', token: 'x' } },
        /auth\.type must be one of the following values: none, basic, bearer, oauth2/,
      ],
      [
        'basic auth without a password',
        { ...valid, auth: { type: 'basic', username: 'hookline' } },
        /auth\.password is required with auth type basic/,
      ],
      [
        'a bad signature header name',
        { ...valid, signatureScheme: { type: 'hmac-sha256-hex', header: 'x:signature' } },
        /signatureScheme\.header "x:signature" is not a valid header name/,
      ],
      ['a timeout under a second', { ...valid, timeoutSeconds: 0 }, /timeoutSeconds must not be less than 1/],
      [
        'a timeout over a minute',
        { ...valid, timeoutSeconds: 61 },
        /timeoutSeconds must not be greater than 60/,
      ],
    ])('answers 400 to %s, naming the problem', async (_, body, message) => {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(response.body.message).toMatch(message);
    });

    it('answers 400 to a body that is not JSON', async () => {
      const response = await http.request<ErrorBody>('POST', '/v1/webhooks', {
        token,
        rawBody: '{"name": "x",',
      });
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(/not valid JSON/);
    });

    it('validates PATCH like create, and refuses an empty one', async () => {
      const webhook = await createWebhook(token);
      const patch = (body: unknown) =>
        http.request<ErrorBody>('PATCH', `/v1/webhooks/${webhook.id}`, { token, body });
      expect((await patch({ url: 'https://192.168.0.1/' })).body.message).toMatch(/private or loopback/);
      expect((await patch({ name: null })).body.message).toMatch(/^name /);
      expect((await patch({ events: ['nope.*'] })).body.message).toMatch(
        /events\[0\] "nope\.\*" names no known resource/,
      );
      const empty = await patch({});
      expect(empty.status).toBe(400);
      expect(empty.body.message).toMatch(
        /set at least one of name, url, events, filter, active, description, metadata/,
      );
      expect((await patch({ timeoutSeconds: 120 })).body.message).toBe(
        'timeoutSeconds must not be greater than 60',
      );
    });
  });

  describe('listing', () => {
    it('pages newest first with an opaque cursor', async () => {
      const { apiKey } = await createOrganization('Paging GmbH');
      const created: WebhookBody[] = [];
      for (const name of ['first', 'second', 'third']) {
        created.push(await createWebhook(apiKey.key, { name }));
      }
      const newestFirst = created
        .map((webhook) => webhook.id)
        .sort()
        .reverse();

      const first = await http.request<{ items: WebhookBody[]; nextCursor: string | null }>(
        'GET',
        '/v1/webhooks?limit=2',
        {
          token: apiKey.key,
        },
      );
      expect(first.status).toBe(200);
      expect(first.body.items.map((item) => item.id)).toEqual(newestFirst.slice(0, 2));
      expect(first.body.nextCursor).toEqual(expect.any(String));
      expect(first.body.items[0]).not.toHaveProperty('signingSecret');

      const second = await http.request<{ items: WebhookBody[]; nextCursor: string | null }>(
        'GET',
        `/v1/webhooks?limit=2&cursor=${first.body.nextCursor}`,
        { token: apiKey.key },
      );
      expect(second.body.items.map((item) => item.id)).toEqual(newestFirst.slice(2));
      expect(second.body.nextCursor).toBeNull();
    });

    it.each([
      ['limit=0', /limit must not be less than 1/],
      ['limit=101', /limit must not be greater than 100/],
      ['limit=ten', /limit must be an integer/],
      ['cursor=garbage', /cursor is not valid/],
      ['sort=name', /sort is not allowed/],
    ])('answers 400 to ?%s', async (query, message) => {
      const { apiKey } = await createOrganization(`Bad query ${query}`);
      const response = await http.request<ErrorBody>('GET', `/v1/webhooks?${query}`, { token: apiKey.key });
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(message);
    });
  });
});
