import { Logger } from '@nestjs/common';
import { SecretBox } from '@hookline/security';
import type { DataSource, EntityManager } from 'typeorm';
import { aSecret, aWebhook } from '../../test/fixtures';
import type { SubscriptionEnv } from '../config/subscription.env';
import type { WebhookChangesService } from '../webhooks/webhook-changes.service';
import type { Webhook } from '../webhooks/webhook.entity';
import type { WebhooksRepository } from '../webhooks/webhooks.repository';
import { SecretsReencryptionService } from './secrets-reencryption.service';

const NEW_KEY = `new:${Buffer.alloc(32, 1).toString('base64')}`;
const OLD_KEY = `old:${Buffer.alloc(32, 2).toString('base64')}`;
const keyring = SecretBox.fromEnv(`${NEW_KEY},${OLD_KEY}`);
const retired = SecretBox.fromEnv(OLD_KEY);

function setup(webhooks: Webhook[], batchSize = 2) {
  const sorted = [...webhooks].sort((a, b) => a.id.localeCompare(b.id));
  const manager = { update: jest.fn(async () => undefined) };
  const dataSource = {
    transaction: <T>(work: (manager: EntityManager) => Promise<T>) =>
      work(manager as unknown as EntityManager),
  };
  const repository = {
    webhookIdsSealedWithOtherKeys: jest.fn(async (_key: string, afterId: string, limit: number) =>
      sorted
        .filter((webhook) => webhook.id > afterId)
        .slice(0, limit)
        .map((webhook) => webhook.id),
    ),
    lockById: jest.fn(
      async (_manager: EntityManager, id: string) => sorted.find((webhook) => webhook.id === id) ?? null,
    ),
    allSecrets: jest.fn(async (_manager: EntityManager, id: string) => [
      aSecret({ webhookId: id, encrypted: retired.encrypt('whsec_x', id) }),
    ]),
  };
  const changes = { save: jest.fn(async () => undefined) };
  const service = new SecretsReencryptionService(
    dataSource as unknown as DataSource,
    repository as unknown as WebhooksRepository,
    changes as unknown as WebhookChangesService,
    keyring,
    { SECRET_MAINTENANCE_BATCH_SIZE: batchSize, SECRET_REENCRYPTION_INTERVAL_MS: 60_000 } as SubscriptionEnv,
  );
  return { service, manager, changes, repository };
}

/** Runs the re-encryption over this one webhook, which it re-seals, and returns what it saved of it. */
async function resealedPatch<Patch>(webhook: Webhook): Promise<Patch> {
  const { service, changes } = setup([webhook]);
  expect(await service.runOnce()).toBe(1);
  const [, , patch] = changes.save.mock.calls[0] as unknown as [unknown, unknown, Patch];
  return patch;
}

function expectSealedWithPrimaryKey(sealed: string, webhookId: string, value: string): void {
  expect(sealed).toMatch(/^v1\.new\./);
  expect(keyring.decrypt(sealed, webhookId)).toBe(value);
}

describe(SecretsReencryptionService.name, () => {
  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });

  afterEach(() => jest.restoreAllMocks());

  it('re-seals secrets and credentials with the primary key and republishes each webhook once', async () => {
    const webhook = aWebhook();
    webhook.auth = { type: 'bearer', encryptedToken: retired.encrypt('tok', webhook.id) };
    const { service, manager, changes } = setup([webhook]);

    expect(await service.runOnce()).toBe(1);

    const [, , { encrypted }] = manager.update.mock.calls[0] as unknown as [
      unknown,
      unknown,
      { encrypted: string },
    ];
    expectSealedWithPrimaryKey(encrypted, webhook.id, 'whsec_x');
    const [, , patch] = changes.save.mock.calls[0] as unknown as [
      unknown,
      unknown,
      { auth: { encryptedToken: string } },
    ];
    expectSealedWithPrimaryKey(patch.auth.encryptedToken, webhook.id, 'tok');
  });

  it('re-seals the TLS client key and leaves the certificates as they are', async () => {
    const webhook = aWebhook();
    webhook.tls = {
      clientCertificate: 'CERT',
      encryptedPrivateKey: retired.encrypt('KEY', webhook.id),
      caCertificates: 'CA',
    };
    const patch = await resealedPatch<{ tls: { encryptedPrivateKey: string } }>(webhook);

    expect(patch.tls).toMatchObject({ clientCertificate: 'CERT', caCertificates: 'CA' });
    expectSealedWithPrimaryKey(patch.tls.encryptedPrivateKey, webhook.id, 'KEY');
  });

  it('re-seals an OAuth2 client secret, keeping the rest of the client', async () => {
    const webhook = aWebhook();
    webhook.auth = {
      type: 'oauth2',
      tokenUrl: 'https://auth.example.com/token',
      clientId: 'hookline',
      encryptedClientSecret: retired.encrypt('cs_1', webhook.id),
      scope: 'a',
      audience: null,
    };
    const patch = await resealedPatch<{ auth: { encryptedClientSecret: string } }>(webhook);

    expect(patch.auth).toMatchObject({ clientId: 'hookline', tokenUrl: 'https://auth.example.com/token' });
    expectSealedWithPrimaryKey(patch.auth.encryptedClientSecret, webhook.id, 'cs_1');
  });

  it('goes on past a webhook it cannot re-encrypt, and finishes the run', async () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const broken = aWebhook({
      auth: { type: 'basic', username: 'u', encryptedPassword: 'v1.gone.AAAA.BBBB.CCCC' },
    });
    const healthy = [aWebhook(), aWebhook(), aWebhook()];
    const { service, changes, repository } = setup([broken, ...healthy]);

    expect(await service.runOnce()).toBe(3);

    expect(changes.save).toHaveBeenCalledTimes(3);
    expect(error).toHaveBeenCalledWith(expect.stringContaining(`webhook ${broken.id}`));
    expect(error.mock.calls[0][0]).not.toContain('whsec_');
    expect(repository.webhookIdsSealedWithOtherKeys).toHaveBeenCalledTimes(3);
  });
});
