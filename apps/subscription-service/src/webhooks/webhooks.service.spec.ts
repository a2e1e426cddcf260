import {
  IdPrefix,
  KafkaHeaders,
  Topics,
  newId,
  validateEnvelope,
  type EventEnvelope,
  type WebhookState,
} from '@hookline/contracts';
import { EgressPolicy, SecretBox } from '@hookline/security';
import type { DataSource, EntityManager } from 'typeorm';
import { aSecret, aWebhook } from '../../test/fixtures';
import type { OutboxEntry, OutboxRepository } from '../outbox/outbox.repository';
import type { SigningSecretRotationService } from './signing-secret-rotation.service';
import { WebhookChangesService } from './webhook-changes.service';
import { encodeWebhookCursor } from './webhook-cursor';
import type { CreateWebhookInput } from './webhook-input';
import type { Webhook } from './webhook.entity';
import { WebhookException } from './webhooks.exception';
import type { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

const ORG = newId(IdPrefix.organization);
const secretBox = SecretBox.fromEnv(`k1:${Buffer.alloc(32, 7).toString('base64')}`);

function setup({ allowInsecureUrls = false, stored = [] as Webhook[] } = {}) {
  const appended: OutboxEntry[] = [];
  const manager = {
    insert: jest.fn(async () => undefined),
    update: jest.fn(async (_target: unknown, _criteria: unknown, _patch: Partial<Webhook>) => undefined),
    delete: jest.fn(async () => undefined),
  };
  const dataSource = {
    transaction: <T>(work: (manager: EntityManager) => Promise<T>) =>
      work(manager as unknown as EntityManager),
  };
  const findOwned = (organizationId: string, id: string) =>
    Promise.resolve(
      stored.find((webhook) => webhook.id === id && webhook.organizationId === organizationId) ?? null,
    );
  const repository = {
    findOwned: jest.fn(findOwned),
    listPage: jest.fn(async () => stored),
    liveSecrets: jest.fn(async () => [aSecret()]),
  };
  const outbox = {
    append: jest.fn(
      async (_manager: EntityManager, entries: OutboxEntry[]) => void appended.push(...entries),
    ),
  };
  const rotation = {
    issueFirst: jest.fn(async (_manager: EntityManager, webhookId: string) => aSecret({ webhookId })),
    rotate: jest.fn(async () => undefined),
  };
  const typedRepository = repository as unknown as WebhooksRepository;
  const typedOutbox = outbox as unknown as OutboxRepository;
  const service = new WebhooksService(
    dataSource as unknown as DataSource,
    typedRepository,
    typedOutbox,
    new WebhookChangesService(typedRepository, typedOutbox, secretBox),
    rotation as unknown as SigningSecretRotationService,
    new EgressPolicy({ allowInsecureUrls, allowCidrs: [] }),
    secretBox,
  );
  const states = () =>
    appended
      .filter((entry) => entry.topic === Topics.subscriptions)
      .map((entry) => entry.payload as WebhookState);
  const events = () =>
    appended
      .filter((entry) => entry.topic === 'domain.webhook.v1')
      .map((entry) => entry.payload as EventEnvelope);
  return { service, manager, repository, rotation, appended, states, events };
}

const input = (overrides: Partial<CreateWebhookInput> = {}): CreateWebhookInput => ({
  name: 'CRM sync',
  url: 'https://hooks.example.com/hookline',
  events: ['job.created'],
  ...overrides,
});

async function rejection(promise: Promise<unknown>): Promise<WebhookException> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WebhookException) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a WebhookException');
}

function messagesOf(error: WebhookException): string[] {
  const { message } = error.getResponse() as { message: string | string[] };
  return Array.isArray(message) ? message : [message];
}

describe(WebhooksService.name, () => {
  describe('create', () => {
    it('creates the webhook inactive unless asked, with the standard defaults and no retry policy of its own', async () => {
      const { service, events } = setup();

      const { webhook } = await service.create(ORG, input());

      expect(webhook).toMatchObject({
        organizationId: ORG,
        active: false,
        version: 1,
        auth: { type: 'none' },
        encryptedHeaders: {},
        legacyHeaders: {},
        metadata: {},
        retryPolicy: null,
        timeoutSeconds: 15,
        signatureScheme: { type: 'standard-webhooks' },
        ordered: false,
        rateLimitPerSecond: null,
        maxConcurrency: null,
        description: null,
        activatedAt: null,
      });
      expect(webhook.id).toMatch(/^wh_/);
      expect(events()).toEqual([]);
    });

    it('returns a whsec_ secret and publishes the state with the first secret', async () => {
      const { service, states, rotation } = setup();

      const { webhook, signingSecret } = await service.create(ORG, input());

      expect(signingSecret).toMatch(/^whsec_/);
      expect(rotation.issueFirst).toHaveBeenCalledWith(
        expect.anything(),
        webhook.id,
        signingSecret,
        webhook.createdAt,
      );
      expect(states()).toEqual([expect.objectContaining({ id: webhook.id, version: 1, active: false })]);
    });

    it('keeps every setting it is given, in the shape the state carries', async () => {
      const { service, states } = setup();

      const { webhook } = await service.create(
        ORG,
        input({
          metadata: { team: 'crm' },
          headers: { 'X-Tenant': 'acme' },
          retryPolicy: { preset: 'custom', delaysSeconds: [10, 60] },
          timeoutSeconds: 30,
          signatureScheme: { type: 'hmac-sha256-hex' },
          ordered: true,
          rateLimitPerSecond: 50,
          maxConcurrency: 4,
        }),
      );

      expect(states()[0].encryptedHeaders).toEqual({ 'X-Tenant': expect.stringMatching(/^v1\.k1\./) });
      expect(secretBox.decrypt(states()[0].encryptedHeaders['X-Tenant'], webhook.id)).toBe('acme');
      expect(states()[0]).not.toHaveProperty('headers');
      expect(states()[0]).toMatchObject({
        retryPolicy: { preset: 'custom', delaysSeconds: [10, 60] },
        timeoutSeconds: 30,
        signatureScheme: { type: 'hmac-sha256-hex', header: 'x-hookline-signature' },
        ordered: true,
        rateLimitPerSecond: 50,
        maxConcurrency: 4,
      });
      expect(webhook.metadata).toEqual({ team: 'crm' });
    });

    it('stores the signature header lower-case', async () => {
      const { service } = setup();

      const { webhook } = await service.create(
        ORG,
        input({ signatureScheme: { type: 'hmac-sha256-hex', header: 'X-Archilogic-Signature' } }),
      );

      expect(webhook.signatureScheme).toEqual({ type: 'hmac-sha256-hex', header: 'x-archilogic-signature' });
    });

    it.each([
      [
        { type: 'basic' as const, username: 'hookline', password: 'pa55word' },
        'encryptedPassword',
        'pa55word',
      ],
      [{ type: 'bearer' as const, token: 'tok_123' }, 'encryptedToken', 'tok_123'],
    ])('seals %j for this webhook only', async (auth, field, plain) => {
      const { service, states } = setup();

      const { webhook } = await service.create(ORG, input({ auth }));

      const sealed = (webhook.auth as unknown as Record<string, string>)[field];
      expect(JSON.stringify(states())).not.toContain(plain);
      expect(secretBox.decrypt(sealed, webhook.id)).toBe(plain);
      expect(() => secretBox.decrypt(sealed, 'wh_other')).toThrow();
    });

    it('sends an active webhook a webhook.test event targeted at its first version, after its state', async () => {
      const { service, appended, events } = setup();

      const { webhook } = await service.create(ORG, input({ active: true }));

      expect(appended.map((entry) => entry.topic)).toEqual([Topics.subscriptions, 'domain.webhook.v1']);
      const [event] = events();
      expect(validateEnvelope(event).ok).toBe(true);
      expect(event).toMatchObject({
        id: expect.stringMatching(/^evt_/),
        type: 'webhook.test',
        organizationId: ORG,
        subject: webhook.id,
        target: { webhookId: webhook.id, minVersion: 1 },
        data: { webhookId: webhook.id, message: expect.stringContaining('activated') },
      });
      expect(appended[1]).toMatchObject({
        key: `${ORG}:${webhook.id}`,
        headers: { [KafkaHeaders.eventType]: 'webhook.test' },
      });
      expect(webhook.activatedAt).toEqual(webhook.createdAt);
    });

    it.each([
      ['http://hooks.example.com/', /url must use https/],
      ['https://10.0.0.1/', /private or loopback address \(10\.0\.0\.1\)/],
      ['https://169.254.169.254/latest', /private or loopback address/],
      ['https://localhost/', /loopback host/],
      ['not a url', /url must be an absolute URL/],
    ])('refuses the url %s with the policy reason', async (url, reason) => {
      const { service, manager } = setup();

      const error = await rejection(service.create(ORG, input({ url })));

      expect(error.code).toBe('INVALID_WEBHOOK');
      expect(error.getStatus()).toBe(400);
      expect(messagesOf(error).join('\n')).toMatch(reason);
      expect(manager.insert).not.toHaveBeenCalled();
    });

    it('lets http through only when ALLOW_INSECURE_URLS is set', async () => {
      const { service } = setup({ allowInsecureUrls: true });

      await expect(service.create(ORG, input({ url: 'http://hooks.example.com/' }))).resolves.toBeDefined();
    });

    it('reports a bad url and unknown events together', async () => {
      const { service } = setup();

      const error = await rejection(
        service.create(ORG, input({ url: 'http://x.example.com', events: ['job.craeted'] })),
      );

      expect(messagesOf(error)).toEqual([
        expect.stringMatching(/^url must use https/),
        'events[0] "job.craeted" is not a known event type; did you mean "job.created"?',
      ]);
    });

    it('refuses a custom header that would replace the signature header', async () => {
      const { service, manager } = setup();

      const error = await rejection(
        service.create(
          ORG,
          input({ headers: { 'X-Sig': 'x' }, signatureScheme: { type: 'hmac-sha256-hex', header: 'x-sig' } }),
        ),
      );

      expect(messagesOf(error)).toEqual([
        'headers "X-Sig" cannot be set: signatureScheme.header sends the signature in it',
      ]);
      expect(manager.insert).not.toHaveBeenCalled();
    });
  });

  describe('update', () => {
    it('applies only the given fields, bumps the version and publishes the new state', async () => {
      const existing = aWebhook({ organizationId: ORG, version: 4 });
      const { service, manager, states } = setup({ stored: [existing] });

      const { webhook, signingSecret } = await service.update(ORG, existing.id, {
        name: 'Renamed ',
        timeoutSeconds: 5,
      });

      expect(webhook).toMatchObject({ id: existing.id, name: 'Renamed', timeoutSeconds: 5, version: 5 });
      expect(signingSecret).toBeNull();
      expect(manager.update.mock.calls[0][2]).toEqual({
        name: 'Renamed',
        timeoutSeconds: 5,
        version: 5,
        updatedAt: expect.any(Date),
      });
      expect(states().map((state) => state.version)).toEqual([5]);
    });

    it('locks the row it changes', async () => {
      const existing = aWebhook({ organizationId: ORG });
      const { service, repository } = setup({ stored: [existing] });

      await service.update(ORG, existing.id, { name: 'Renamed' });

      expect(repository.findOwned).toHaveBeenCalledWith(
        ORG,
        existing.id,
        expect.objectContaining({ forUpdate: true }),
      );
    });

    it('clears the description, a rate limit, a concurrency limit and the retry policy with null', async () => {
      const existing = aWebhook({
        organizationId: ORG,
        description: 'old',
        rateLimitPerSecond: 5,
        maxConcurrency: 2,
        retryPolicy: { preset: 'short' },
      });
      const { service } = setup({ stored: [existing] });

      const { webhook } = await service.update(ORG, existing.id, {
        description: null,
        rateLimitPerSecond: null,
        maxConcurrency: null,
        retryPolicy: null,
      });

      expect(webhook).toMatchObject({
        description: null,
        rateLimitPerSecond: null,
        maxConcurrency: null,
        retryPolicy: null,
      });
    });

    it('switching on sends one webhook.test event targeted at the new version and clears a platform disable', async () => {
      const existing = aWebhook({
        organizationId: ORG,
        version: 7,
        active: false,
        disabledReason: 'endpoint answered 410 Gone',
        disabledAt: new Date('2026-11-22T11:00:00.000Z'),
      });
      const { service, events, states } = setup({ stored: [existing] });

      const { webhook } = await service.update(ORG, existing.id, { active: true });

      expect(webhook).toMatchObject({ active: true, version: 8, disabledReason: null, disabledAt: null });
      expect(webhook.activatedAt).toEqual(webhook.updatedAt);
      expect(states().map((state) => [state.version, state.active])).toEqual([[8, true]]);
      expect(events()).toEqual([
        expect.objectContaining({ type: 'webhook.test', target: { webhookId: existing.id, minVersion: 8 } }),
      ]);
    });

    it.each([
      ['switching off', false, false],
      ['setting active on an active webhook', true, true],
    ])('%s sends no test event', async (_, wasActive, active) => {
      const existing = aWebhook({ organizationId: ORG, active: wasActive });
      const { service, events } = setup({ stored: [existing] });

      await service.update(ORG, existing.id, { active });

      expect(events()).toEqual([]);
    });

    it('rotates the signing secret on request, before publishing, and returns the new one', async () => {
      const existing = aWebhook({ organizationId: ORG });
      const { service, rotation, repository } = setup({ stored: [existing] });

      const { signingSecret } = await service.update(ORG, existing.id, { rotateSigningSecret: true });

      expect(signingSecret).toMatch(/^whsec_/);
      expect(rotation.rotate).toHaveBeenCalledWith(
        expect.anything(),
        existing.id,
        { newSecret: signingSecret, replaceAll: false },
        expect.any(Date),
      );
      expect(rotation.rotate.mock.invocationCallOrder[0]).toBeLessThan(
        repository.liveSecrets.mock.invocationCallOrder[0],
      );
    });

    it.each([{}, { rotateSigningSecret: false }])('refuses a body that changes nothing: %j', async (body) => {
      const { service } = setup();

      const error = await rejection(service.update(ORG, 'wh_x', body));

      expect(error.code).toBe('NOTHING_TO_UPDATE');
      expect(messagesOf(error)[0]).toContain(
        'name, url, events, filter, active, description, metadata, auth',
      );
    });

    it('validates like create', async () => {
      const existing = aWebhook({ organizationId: ORG });
      const { service } = setup({ stored: [existing] });

      const error = await rejection(service.update(ORG, existing.id, { url: 'https://192.168.1.10/' }));

      expect(error.code).toBe('INVALID_WEBHOOK');
    });

    it('checks the signature header against the headers the webhook already has', async () => {
      const existing = aWebhook({ organizationId: ORG, legacyHeaders: { 'X-Hookline-Signature': 'legacy' } });
      const { service, states } = setup({ stored: [existing] });

      const error = await rejection(
        service.update(ORG, existing.id, { signatureScheme: { type: 'hmac-sha256-hex' } }),
      );

      expect(messagesOf(error)).toEqual([
        'headers "X-Hookline-Signature" cannot be set: signatureScheme.header sends the signature in it',
      ]);
      expect(states()).toEqual([]);
    });

    it("answers 404 for another organization's webhook", async () => {
      const foreign = aWebhook();
      const { service, appended } = setup({ stored: [foreign] });

      const error = await rejection(service.update(ORG, foreign.id, { active: true }));

      expect(error.getStatus()).toBe(404);
      expect(appended).toEqual([]);
    });
  });

  describe('sendTest', () => {
    it('sends a webhook.test event targeted at the current version, even to an inactive webhook', async () => {
      const existing = aWebhook({ organizationId: ORG, version: 3, active: false });
      const { service, events, states } = setup({ stored: [existing] });

      const eventId = await service.sendTest(ORG, existing.id);

      expect(events()).toEqual([
        expect.objectContaining({
          id: eventId,
          type: 'webhook.test',
          target: { webhookId: existing.id, minVersion: 3 },
        }),
      ]);
      expect(states()).toEqual([]);
    });

    it("answers 404 for another organization's webhook", async () => {
      const foreign = aWebhook();
      const { service, appended } = setup({ stored: [foreign] });

      expect((await rejection(service.sendTest(ORG, foreign.id))).getStatus()).toBe(404);
      expect(appended).toEqual([]);
    });
  });

  describe('remove', () => {
    it('deletes and publishes a tombstone', async () => {
      const existing = aWebhook({ organizationId: ORG });
      const { service, appended, manager } = setup({ stored: [existing] });

      await service.remove(ORG, existing.id);

      expect(manager.delete).toHaveBeenCalled();
      expect(appended).toEqual([{ topic: Topics.subscriptions, key: existing.id, payload: null }]);
    });

    it("answers 404 for another organization's webhook", async () => {
      const foreign = aWebhook();
      const { service, manager } = setup({ stored: [foreign] });

      expect((await rejection(service.remove(ORG, foreign.id))).getStatus()).toBe(404);
      expect(manager.delete).not.toHaveBeenCalled();
    });
  });

  describe('list', () => {
    const noFilter = { beforeId: null, active: null, anyPattern: null };

    it('returns a cursor when there is another page', async () => {
      const stored = [aWebhook(), aWebhook(), aWebhook()];
      const { service, repository } = setup({ stored });

      const page = await service.list(ORG, { limit: 2 });

      expect(repository.listPage).toHaveBeenCalledWith(ORG, noFilter, 3);
      expect(page.items).toEqual(stored.slice(0, 2));
      expect(page.nextCursor).toBe(encodeWebhookCursor(stored[1].id));
    });

    it('returns no cursor on the last page', async () => {
      const { service } = setup({ stored: [aWebhook()] });

      expect((await service.list(ORG, { limit: 2 })).nextCursor).toBeNull();
    });

    it('continues after the cursor', async () => {
      const last = newId(IdPrefix.webhook);
      const { service, repository } = setup();

      await service.list(ORG, { limit: 5, cursor: encodeWebhookCursor(last) });

      expect(repository.listPage).toHaveBeenCalledWith(ORG, { ...noFilter, beforeId: last }, 6);
    });

    it('filters by active and by the patterns that cover an event type', async () => {
      const { service, repository } = setup();

      await service.list(ORG, { limit: 5, active: false, eventType: 'job.created' });

      expect(repository.listPage).toHaveBeenCalledWith(
        ORG,
        { beforeId: null, active: false, anyPattern: ['job.created', 'job.*', '*'] },
        6,
      );
    });

    it('refuses an unknown event type filter, suggesting the closest type', async () => {
      const { service } = setup();

      const error = await rejection(service.list(ORG, { limit: 5, eventType: 'job.craeted' }));

      expect(error.code).toBe('UNKNOWN_EVENT_TYPE');
      expect(messagesOf(error)).toEqual([
        'eventType "job.craeted" is not a known event type; did you mean "job.created"?',
      ]);
    });

    it('refuses a cursor it did not issue', async () => {
      const { service } = setup();

      const error = await rejection(service.list(ORG, { limit: 5, cursor: 'garbage' }));

      expect(error.code).toBe('INVALID_CURSOR');
    });
  });
});
