import {
  KafkaHeaders,
  Topics,
  domainTopic,
  validateEnvelope,
  type EventEnvelope,
  type WebhookState,
} from '@hookline/contracts';
import { eventually } from '@hookline/testing';
import {
  SubscriptionTestContext,
  type CreatedOrganization,
  type ErrorBody,
  type WebhookBody,
} from '../../test/subscription-test-context';
import { TopicRecorder, type RecordedMessage } from '../../test/topic-recorder';

describe('webhooks API (HTTP + Postgres + Kafka)', () => {
  let context: SubscriptionTestContext;
  let domainEvents: TopicRecorder;
  let subscriptions: TopicRecorder;

  const testEventsOf = (webhookId: string): Array<RecordedMessage & { value: EventEnvelope }> =>
    domainEvents.messages.filter(
      (message): message is RecordedMessage & { value: EventEnvelope } =>
        (message.value as EventEnvelope | null)?.type === 'webhook.test' &&
        (message.value as EventEnvelope).subject === webhookId,
    );
  const statesOf = (webhookId: string): WebhookState[] =>
    subscriptions.keyed(webhookId).map((message) => message.value as WebhookState);

  beforeAll(async () => {
    context = await SubscriptionTestContext.start('webhooks-int');
    domainEvents = await context.recordTopic(domainTopic('webhook'));
    subscriptions = await context.recordTopic(Topics.subscriptions);
  });

  afterAll(async () => {
    await domainEvents?.stop();
    await subscriptions?.stop();
    await context?.stop();
  });

  describe('settings', () => {
    let organization: CreatedOrganization;
    let webhook: WebhookBody;
    // Read back and published as they were set.
    const deliveryOptions = {
      retryPolicy: { preset: 'custom', delaysSeconds: [10, 60, 600] },
      timeoutSeconds: 30,
      ordered: true,
      rateLimitPerSecond: 25,
      maxConcurrency: 5,
    };
    const settings = {
      name: 'Floor plans',
      description: 'Archilogic migration',
      url: 'https://hooks.example.com/floors',
      events: ['floor.*', 'order.created'],
      metadata: { team: 'integrations', ticket: 'OPS-12' },
      auth: { type: 'basic', username: 'hookline', password: 'pa55:word' },
      headers: { 'X-Tenant': 'acme-tenant-7', 'X-Api-Key': 'k-123-secret', 'X-Auth': 'Basic dXNlcjpwYXNz' },
      signatureScheme: { type: 'hmac-sha256-hex', header: 'X-Archilogic-Signature' },
      ...deliveryOptions,
    };

    beforeAll(async () => {
      organization = await context.createOrganization('Settings AG');
      webhook = await context.createWebhook(organization.apiKey.key, settings);
    });

    it('answers with every setting, credentials reduced to their type and username', async () => {
      const read = await context.http.request<WebhookBody>('GET', `/v1/webhooks/${webhook.id}`, {
        token: organization.apiKey.key,
      });

      expect(read.body).toEqual({
        id: webhook.id,
        name: 'Floor plans',
        description: 'Archilogic migration',
        url: 'https://hooks.example.com/floors',
        events: ['floor.*', 'order.created'],
        filter: null,
        active: false,
        auth: { type: 'basic', username: 'hookline' },
        headers: { 'X-Tenant': 'acme-tenant-7', 'X-Api-Key': '[redacted]', 'X-Auth': '[redacted]' },
        metadata: { team: 'integrations', ticket: 'OPS-12' },
        ...deliveryOptions,
        tls: null,
        signatureScheme: { type: 'hmac-sha256-hex', header: 'x-archilogic-signature' },
        disabledReason: null,
        disabledAt: null,
        version: 1,
        createdAt: webhook.createdAt,
        updatedAt: webhook.updatedAt,
      });
      expect(JSON.stringify(read.body)).not.toContain('pa55:word');
    });

    it('publishes them in the state, with the password sealed for this webhook', async () => {
      const state = await eventually(() => {
        const [first] = statesOf(webhook.id);
        expect(first).toBeDefined();
        return first;
      });

      expect(state).not.toHaveProperty('headers');
      expect(
        Object.fromEntries(
          Object.entries(state.encryptedHeaders).map(([name, sealed]) => [
            name,
            context.secretBox.decrypt(sealed, webhook.id),
          ]),
        ),
      ).toEqual(settings.headers);
      expect(state).toMatchObject({
        encryptedHeaders: {
          'X-Tenant': expect.stringMatching(/^v1\.it1\./),
          'X-Api-Key': expect.stringMatching(/^v1\.it1\./),
          'X-Auth': expect.stringMatching(/^v1\.it1\./),
        },
        ...deliveryOptions,
        signatureScheme: { type: 'hmac-sha256-hex', header: 'x-archilogic-signature' },
        auth: { type: 'basic', username: 'hookline', encryptedPassword: expect.stringMatching(/^v1\.it1\./) },
      });
      if (state.auth.type !== 'basic') {
        throw new Error('expected basic auth');
      }
      expect(context.secretBox.decrypt(state.auth.encryptedPassword, webhook.id)).toBe('pa55:word');
    });

    it('keeps no header value or credential in clear in its tables, its outbox or the topic', async () => {
      await eventually(() => expect(statesOf(webhook.id).length).toBeGreaterThan(0));
      const [row] = await context.database.query<Array<{ row: string }>>(
        `SELECT w::text AS row FROM subscription.webhook w WHERE id = $1`,
        [webhook.id],
      );
      const outbox = await context.database.query<Array<{ row: string }>>(
        `SELECT o::text AS row FROM subscription.outbox o WHERE key = $1`,
        [webhook.id],
      );
      const published = subscriptions.keyed(webhook.id).map((message) => JSON.stringify(message.value));
      const stored = [row.row, ...outbox.map((entry) => entry.row), ...published].join('\n');

      expect(row.row).toContain('X-Tenant');
      for (const secret of [...Object.values(settings.headers), 'pa55:word']) {
        expect({ secret, found: stored.includes(secret) }).toEqual({ secret, found: false });
      }
    });

    it('PATCH replaces a setting and clears a limit with null', async () => {
      const patched = await context.patchWebhook(organization.apiKey.key, webhook.id, {
        auth: { type: 'bearer', token: 'tok_live_123' },
        rateLimitPerSecond: null,
        headers: {},
      });

      expect(patched).toMatchObject({
        auth: { type: 'bearer' },
        rateLimitPerSecond: null,
        headers: {},
        version: 2,
      });
      const state = await eventually(() => {
        const latest = statesOf(webhook.id).at(-1);
        expect(latest?.version).toBe(2);
        return latest as WebhookState;
      });
      if (state.auth.type !== 'bearer') {
        throw new Error('expected bearer auth');
      }
      expect(context.secretBox.decrypt(state.auth.encryptedToken, webhook.id)).toBe('tok_live_123');
    });

    it('PATCH sets oauth2 auth: the client secret is sealed, the response shows the client only', async () => {
      const patched = await context.patchWebhook(organization.apiKey.key, webhook.id, {
        auth: {
          type: 'oauth2',
          tokenUrl: 'https://auth.example.com/oauth/token',
          clientId: 'hookline-prod',
          clientSecret: 'cs_live_0123456789',
          scope: 'webhooks:receive',
        },
      });

      expect(patched.auth).toEqual({
        type: 'oauth2',
        tokenUrl: 'https://auth.example.com/oauth/token',
        clientId: 'hookline-prod',
        scope: 'webhooks:receive',
        audience: null,
      });
      const state = await eventually(() => {
        const latest = statesOf(webhook.id).at(-1);
        expect(latest?.auth.type).toBe('oauth2');
        return latest as WebhookState;
      });
      if (state.auth.type !== 'oauth2') {
        throw new Error('expected oauth2 auth');
      }
      expect(JSON.stringify(state)).not.toContain('cs_live_0123456789');
      expect(context.secretBox.decrypt(state.auth.encryptedClientSecret, webhook.id)).toBe(
        'cs_live_0123456789',
      );
    });

    it('PATCH refuses an oauth2 token URL the egress policy refuses, naming the field', async () => {
      const response = await context.http.request('PATCH', `/v1/webhooks/${webhook.id}`, {
        token: organization.apiKey.key,
        body: {
          auth: {
            type: 'oauth2',
            tokenUrl: 'https://169.254.169.254/token',
            clientId: 'c',
            clientSecret: 's',
          },
        },
      });

      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body)).toContain(
        'auth.tokenUrl points to a private or loopback address',
      );
    });

    it('PATCH with rotateSigningSecret answers with the new secret, which GET secret then returns', async () => {
      const patched = await context.patchWebhook(organization.apiKey.key, webhook.id, {
        rotateSigningSecret: true,
      });

      expect(patched.signingSecret).toMatch(/^whsec_/);
      expect(patched.signingSecret).not.toBe(webhook.signingSecret);
      const secret = await context.http.request('GET', `/v1/webhooks/${webhook.id}/secret`, {
        token: organization.apiKey.key,
      });
      expect(secret.body).toEqual({ key: patched.signingSecret });
    });
  });

  describe('retry policy', () => {
    it('is null (inherit) unless given, set by PATCH, and back to inherit with null, in the response and the state', async () => {
      const organization = await context.createOrganization('Retry Policy GmbH');
      const token = organization.apiKey.key;
      const latestState = (version: number) =>
        eventually(() => {
          const latest = statesOf(created.id).at(-1);
          expect(latest?.version).toBe(version);
          return latest as WebhookState;
        });
      const created = await context.createWebhook(token, {
        name: 'Inherits',
        url: 'https://hooks.example.com/inherits',
        events: ['webhook.test', 'job.*'],
      });

      expect(created.retryPolicy).toBeNull();
      expect((await latestState(1)).retryPolicy).toBeNull();

      const own = await context.patchWebhook(token, created.id, { retryPolicy: { preset: 'short' } });
      expect(own.retryPolicy).toEqual({ preset: 'short' });
      expect((await latestState(2)).retryPolicy).toEqual({ preset: 'short' });

      const inheriting = await context.patchWebhook(token, created.id, { retryPolicy: null });
      expect(inheriting.retryPolicy).toBeNull();
      expect((await latestState(3)).retryPolicy).toBeNull();
      const [row] = await context.database.query<Array<{ retry_policy: unknown }>>(
        `SELECT retry_policy FROM subscription.webhook WHERE id = $1`,
        [created.id],
      );
      expect(row.retry_policy).toBeNull();
    });
  });

  describe('activation', () => {
    let token: string;

    beforeAll(async () => {
      token = (await context.createOrganization('Activation Co')).apiKey.key;
    });

    it('creating an active webhook puts one webhook.test event for it on domain.webhook.v1', async () => {
      const webhook = await context.createWebhook(token, { active: true });
      const requested = await context.http.request<{ eventId: string }>(
        'POST',
        `/v1/webhooks/${webhook.id}/test`,
        {
          token,
        },
      );

      // The event requested afterwards arrives after any the creation made: then the count is final.
      await eventually(() =>
        expect(testEventsOf(webhook.id).map((message) => message.value.id)).toContain(requested.body.eventId),
      );
      const [activation, ...rest] = testEventsOf(webhook.id);
      expect(rest.map((message) => message.value.id)).toEqual([requested.body.eventId]);
      expect(activation.key).toBe(`${activation.value.organizationId}:${webhook.id}`);
      expect(activation.headers[KafkaHeaders.eventType]).toBe('webhook.test');
      expect(validateEnvelope(activation.value).ok).toBe(true);
      expect(activation.value).toMatchObject({
        type: 'webhook.test',
        subject: webhook.id,
        target: { webhookId: webhook.id, minVersion: 1 },
        data: { webhookId: webhook.id, message: expect.stringContaining('activated') },
      });
    });

    it('creating an inactive webhook sends nothing; toggling on sends one per switch-on, toggling off none', async () => {
      const webhook = await context.createWebhook(token);
      await context.patchWebhook(token, webhook.id, { active: true });
      await context.patchWebhook(token, webhook.id, { active: false });
      await context.patchWebhook(token, webhook.id, { active: true, name: 'Back on' });
      await context.patchWebhook(token, webhook.id, { active: true, timeoutSeconds: 20 });
      const requested = await context.http.request<{ eventId: string }>(
        'POST',
        `/v1/webhooks/${webhook.id}/test`,
        {
          token,
        },
      );

      await eventually(() => expect(testEventsOf(webhook.id)).toHaveLength(3));
      expect(
        testEventsOf(webhook.id).map((message) => [
          message.value.target?.minVersion,
          message.value.data.message,
        ]),
      ).toEqual([
        [2, expect.stringContaining('activated')],
        [4, expect.stringContaining('activated')],
        [5, expect.stringContaining('requested')],
      ]);
      expect(testEventsOf(webhook.id)[2].value.id).toBe(requested.body.eventId);
    });

    it('POST /test answers 202 with the event id, also for an inactive webhook', async () => {
      const webhook = await context.createWebhook(token);

      const response = await context.http.request<{ eventId: string }>(
        'POST',
        `/v1/webhooks/${webhook.id}/test`,
        {
          token,
        },
      );

      expect(response).toEqual({ status: 202, body: { eventId: expect.stringMatching(/^evt_/) } });
      const event = await eventually(() => {
        const [message] = testEventsOf(webhook.id);
        expect(message).toBeDefined();
        return message.value;
      });
      expect(event).toMatchObject({
        id: response.body.eventId,
        target: { webhookId: webhook.id, minVersion: 1 },
      });
    });
  });

  describe('list filters', () => {
    let token: string;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      token = (await context.createOrganization('Filter BV')).apiKey.key;
      const definitions: Record<string, Record<string, unknown>> = {
        exact: { events: ['job.created'], active: true },
        wildcard: { events: ['job.*'] },
        everything: { events: ['*'], active: true },
        other: { events: ['estimate.*'], active: true },
      };
      for (const [name, body] of Object.entries(definitions)) {
        ids[name] = (await context.createWebhook(token, { name, ...body })).id;
      }
    });

    const listed = async (query: string): Promise<string[]> => {
      const response = await context.http.request<{ items: WebhookBody[] }>('GET', `/v1/webhooks?${query}`, {
        token,
      });
      expect(response.status).toBe(200);
      return response.body.items.map((item) => item.name).sort();
    };

    it.each([
      ['eventType=job.created', ['everything', 'exact', 'wildcard']],
      ['eventType=estimate.sent', ['everything', 'other']],
      ['active=true', ['everything', 'exact', 'other']],
      ['active=false', ['wildcard']],
      ['active=true&eventType=job.updated', ['everything']],
    ])('?%s lists %j', async (query, names) => {
      expect(await listed(query)).toEqual(names);
    });

    it('pages through a filtered list', async () => {
      const first = await context.http.request<{ items: WebhookBody[]; nextCursor: string }>(
        'GET',
        '/v1/webhooks?active=true&limit=2',
        { token },
      );
      const second = await context.http.request<{ items: WebhookBody[]; nextCursor: string | null }>(
        'GET',
        `/v1/webhooks?active=true&limit=2&cursor=${first.body.nextCursor}`,
        { token },
      );

      expect([...first.body.items, ...second.body.items].map((item) => item.id)).toEqual(
        [ids.exact, ids.everything, ids.other].sort().reverse(),
      );
      expect(second.body.nextCursor).toBeNull();
    });

    it.each([
      ['active=yes', 'active must be one of the following values: true, false'],
      [
        'eventType=job.craeted',
        'eventType "job.craeted" is not a known event type; did you mean "job.created"?',
      ],
      ['eventType=job.*', 'eventType "job.*" is a pattern; give one event type, e.g. "job.created"'],
    ])('answers 400 to ?%s', async (query, message) => {
      const response = await context.http.request<ErrorBody>('GET', `/v1/webhooks?${query}`, { token });

      expect(response.status).toBe(400);
      expect(response.body.message).toBe(message);
    });
  });
});
