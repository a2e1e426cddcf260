import { IdPrefix, Topics, newId, type WebhookState } from '@hookline/contracts';
import { EgressPolicy, SecretBox } from '@hookline/security';
import type { DataSource, EntityManager } from 'typeorm';
import { aSecret, aWebhook } from '../../test/fixtures';
import type { OutboxEntry, OutboxRepository } from '../outbox/outbox.repository';
import { encodeWebhookCursor } from './webhook-cursor';
import type { Webhook } from './webhook.entity';
import { WebhookErrorCode, WebhookException } from './webhooks.exception';
import type { WebhooksRepository } from './webhooks.repository';
import { WebhooksService, type CreateWebhookInput } from './webhooks.service';

const ORG = newId(IdPrefix.organization);
const secretBox = SecretBox.fromEnv(`k1:${Buffer.alloc(32, 7).toString('base64')}`);

function setup({ allowInsecureUrls = false, stored = [] as Webhook[] } = {}) {
  const appended: OutboxEntry[] = [];
  const manager = {
    create: <T>(target: new () => T, values: Partial<T>): T =>
      Object.assign(new target() as object, values) as T,
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
    currentSecret: jest.fn(async () => null),
  };
  const outbox = {
    append: jest.fn(
      async (_manager: EntityManager, entries: OutboxEntry[]) => void appended.push(...entries),
    ),
  };
  const service = new WebhooksService(
    dataSource as unknown as DataSource,
    repository as unknown as WebhooksRepository,
    outbox as unknown as OutboxRepository,
    new EgressPolicy({ allowInsecureUrls, allowCidrs: [] }),
    secretBox,
  );
  return { service, manager, repository, appended };
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
    if (error instanceof WebhookException) return error;
    throw error;
  }
  throw new Error('expected a WebhookException');
}

function messageOf(error: WebhookException): string[] {
  return (error.getResponse() as { message: string | string[] }).message as string[];
}

describe(WebhooksService.name, () => {
  describe('create', () => {
    it('creates the webhook inactive unless asked, with the standard defaults', async () => {
      const { service } = setup();
      const { webhook } = await service.create(ORG, input());
      expect(webhook).toMatchObject({
        organizationId: ORG,
        active: false,
        version: 1,
        auth: { type: 'none' },
        retryPolicy: { preset: 'standard' },
        timeoutSeconds: 15,
        signatureScheme: { type: 'standard-webhooks' },
        description: null,
      });
      expect(webhook.id).toMatch(/^wh_/);
    });

    it('returns a whsec_ secret and publishes it encrypted for this webhook only', async () => {
      const { service, appended } = setup();
      const { webhook, signingSecret } = await service.create(ORG, input({ active: true }));
      expect(signingSecret).toMatch(/^whsec_/);
      expect(appended).toHaveLength(1);
      expect(appended[0]).toMatchObject({ topic: Topics.subscriptions, key: webhook.id });
      const state = appended[0].payload as WebhookState;
      expect(state).toMatchObject({ id: webhook.id, active: true, version: 1 });
      expect(state.secrets).toHaveLength(1);
      expect(state.secrets[0].encrypted).not.toContain(signingSecret);
      expect(secretBox.decrypt(state.secrets[0].encrypted, webhook.id)).toBe(signingSecret);
      expect(() => secretBox.decrypt(state.secrets[0].encrypted, 'wh_other')).toThrow();
    });

    it('drops repeated event patterns and trims the name', async () => {
      const { service } = setup();
      const { webhook } = await service.create(
        ORG,
        input({ name: '  CRM  ', events: ['job.*', 'job.*', '*'] }),
      );
      expect(webhook.events).toEqual(['job.*', '*']);
      expect(webhook.name).toBe('CRM');
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
      expect(error.code).toBe(WebhookErrorCode.InvalidDefinition);
      expect(error.getStatus()).toBe(400);
      expect(messageOf(error).join('\n')).toMatch(reason);
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
      expect(messageOf(error)).toEqual([
        expect.stringMatching(/^url must use https/),
        'events[0] "job.craeted" is not a known event type; did you mean "job.created"?',
      ]);
    });
  });

  describe('update', () => {
    it('applies only the given fields, bumps the version and publishes the new state', async () => {
      const existing = aWebhook({ organizationId: ORG, version: 4, active: false });
      const { service, manager, appended } = setup({ stored: [existing] });
      const updated = await service.update(ORG, existing.id, { active: true });
      expect(updated).toMatchObject({ id: existing.id, active: true, version: 5, name: existing.name });
      expect(manager.update).toHaveBeenCalledWith(
        expect.anything(),
        { id: existing.id },
        expect.objectContaining({ active: true, version: 5 }),
      );
      expect(manager.update.mock.calls[0][2]).not.toHaveProperty('name');
      expect((appended[0].payload as WebhookState).version).toBe(5);
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

    it('clears the description with null', async () => {
      const existing = aWebhook({ organizationId: ORG, description: 'old' });
      const { service } = setup({ stored: [existing] });
      expect((await service.update(ORG, existing.id, { description: null })).description).toBeNull();
    });

    it('refuses a body that changes nothing', async () => {
      const { service } = setup();
      const error = await rejection(service.update(ORG, 'wh_x', {}));
      expect(error.code).toBe(WebhookErrorCode.NothingToUpdate);
      expect(messageOf(error)).toContain('name, url, events, active, description');
    });

    it('validates like create', async () => {
      const existing = aWebhook({ organizationId: ORG });
      const { service } = setup({ stored: [existing] });
      const error = await rejection(service.update(ORG, existing.id, { url: 'https://192.168.1.10/' }));
      expect(error.code).toBe(WebhookErrorCode.InvalidDefinition);
    });

    it("answers 404 for another organization's webhook", async () => {
      const foreign = aWebhook();
      const { service, appended } = setup({ stored: [foreign] });
      const error = await rejection(service.update(ORG, foreign.id, { active: true }));
      expect(error.getStatus()).toBe(404);
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
    it('returns a cursor when there is another page', async () => {
      const stored = [aWebhook(), aWebhook(), aWebhook()];
      const { service, repository } = setup({ stored });
      const page = await service.list(ORG, { limit: 2 });
      expect(repository.listPage).toHaveBeenCalledWith(ORG, null, 3);
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
      expect(repository.listPage).toHaveBeenCalledWith(ORG, last, 6);
    });

    it('refuses a cursor it did not issue', async () => {
      const { service } = setup();
      const error = await rejection(service.list(ORG, { limit: 5, cursor: 'garbage' }));
      expect(error.code).toBe(WebhookErrorCode.InvalidCursor);
    });
  });
});
