import { Injectable } from '@nestjs/common';
import type { EndpointAuth, EndpointTls } from '@hookline/contracts';
import { SecretBox } from '@hookline/security';
import { DataSource } from 'typeorm';
import { PeriodicJob, assertNever } from '@hookline/platform';
import { SubscriptionEnv } from '../config/subscription.env';
import { WebhookChangesService } from '../webhooks/webhook-changes.service';
import { WebhookSecret } from '../webhooks/webhook-secret.entity';
import { WebhooksRepository } from '../webhooks/webhooks.repository';

/**
 * After a key rotation (a new first entry in SECRETS_ENCRYPTION_KEYS), rewrites signing secrets,
 * endpoint credentials and custom header values sealed with an older key, and seals header values
 * stored in clear by earlier versions; then republishes each webhook's state, so the old key can
 * be dropped. Runs at start and then periodically, one webhook per transaction.
 */
@Injectable()
export class SecretsReencryptionService extends PeriodicJob {
  constructor(
    private readonly dataSource: DataSource,
    private readonly webhooks: WebhooksRepository,
    private readonly changes: WebhookChangesService,
    private readonly secretBox: SecretBox,
    private readonly env: SubscriptionEnv,
  ) {
    super({ name: 're-encryption', intervalMs: env.SECRET_REENCRYPTION_INTERVAL_MS, firstRunAfterMs: 0 });
  }

  /** Re-encrypts every webhook that needs it; returns how many were rewritten. */
  async runOnce(): Promise<number> {
    let rewritten = 0;
    // Walks the ids forward, so a webhook that fails is not retried until the next run.
    for (let afterId = ''; ;) {
      const webhookIds = await this.webhooks.webhookIdsSealedWithOtherKeys(
        this.secretBox.primaryKeyId,
        afterId,
        this.env.SECRET_MAINTENANCE_BATCH_SIZE,
      );
      if (webhookIds.length === 0) {
        break;
      }
      afterId = webhookIds[webhookIds.length - 1];
      for (const webhookId of webhookIds) {
        try {
          if (await this.reencrypt(webhookId)) {
            rewritten += 1;
          }
        } catch (error) {
          this.logger.error(
            `cannot re-encrypt the credentials of webhook ${webhookId}: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
    }
    if (rewritten > 0) {
      this.logger.log(
        `re-encrypted the credentials of ${rewritten} webhooks with key ${this.secretBox.primaryKeyId}`,
      );
    }
    return rewritten;
  }

  private reencrypt(webhookId: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const webhook = await this.webhooks.lockById(manager, webhookId);
      if (webhook === null) {
        return false;
      }
      let changed = false;
      for (const secret of await this.webhooks.allSecrets(manager, webhookId)) {
        if (!this.secretBox.needsReencryption(secret.encrypted)) {
          continue;
        }
        const encrypted = this.secretBox.reencrypt(secret.encrypted, webhookId);
        await manager.update(WebhookSecret, { id: secret.id }, { encrypted });
        changed = true;
      }
      const auth = this.reencryptAuth(webhook.auth, webhookId);
      const encryptedHeaders = this.reencryptHeaders(webhook.encryptedHeaders, webhookId);
      const tls = this.reencryptTls(webhook.tls, webhookId);
      const inClear = Object.keys(webhook.legacyHeaders).length > 0;
      if (!changed && auth === null && encryptedHeaders === null && tls === null && !inClear) {
        return false;
      }
      // Saving seals headers still in clear (see WebhookChangesService.save).
      await this.changes.save(
        manager,
        webhook,
        {
          ...(auth === null ? {} : { auth }),
          ...(encryptedHeaders === null ? {} : { encryptedHeaders }),
          ...(tls === null ? {} : { tls }),
        },
        new Date(),
      );
      return true;
    });
  }

  /** Header values sealed by the primary key, or null when all already are. */
  private reencryptHeaders(
    headers: Record<string, string>,
    webhookId: string,
  ): Record<string, string> | null {
    const entries = Object.entries(headers);
    if (!entries.some(([, sealed]) => this.secretBox.needsReencryption(sealed))) {
      return null;
    }
    return Object.fromEntries(
      entries.map(([name, sealed]) => [
        name,
        this.secretBox.needsReencryption(sealed) ? this.secretBox.reencrypt(sealed, webhookId) : sealed,
      ]),
    );
  }

  /** The TLS settings with the client key sealed by the primary key, or null when it already is. */
  private reencryptTls(tls: EndpointTls | null, webhookId: string): EndpointTls | null {
    const sealed = tls?.encryptedPrivateKey ?? null;
    if (tls === null || sealed === null || !this.secretBox.needsReencryption(sealed)) {
      return null;
    }
    return { ...tls, encryptedPrivateKey: this.secretBox.reencrypt(sealed, webhookId) };
  }

  /** The auth with its credential sealed by the primary key, or null when it already is. */
  private reencryptAuth(auth: EndpointAuth, webhookId: string): EndpointAuth | null {
    switch (auth.type) {
      case 'none':
        return null;
      case 'basic':
        return this.secretBox.needsReencryption(auth.encryptedPassword)
          ? { ...auth, encryptedPassword: this.secretBox.reencrypt(auth.encryptedPassword, webhookId) }
          : null;
      case 'bearer':
        return this.secretBox.needsReencryption(auth.encryptedToken)
          ? { ...auth, encryptedToken: this.secretBox.reencrypt(auth.encryptedToken, webhookId) }
          : null;
      case 'oauth2':
        return this.secretBox.needsReencryption(auth.encryptedClientSecret)
          ? {
              ...auth,
              encryptedClientSecret: this.secretBox.reencrypt(auth.encryptedClientSecret, webhookId),
            }
          : null;
      default:
        return assertNever(auth, 'endpoint auth');
    }
  }
}
