import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { SecretBox } from '@hookline/security';
import type { EntityManager } from 'typeorm';
import { SubscriptionEnv } from '../config/subscription.env';
import { WEBHOOK_LIMITS } from './webhook-limits';
import { WebhookSecret } from './webhook-secret.entity';
import { WebhooksRepository } from './webhooks.repository';

export interface RotationOptions {
  /** The new `whsec_…` in plain text. */
  newSecret: string;
  /** How long the old secret is still signed with; the env default when left out. */
  graceSeconds?: number;
  /**
   * Retire every secret held, the ones still in a grace period too: the new secret is of another
   * kind (the scheme changed between HMAC and ed25519), which the old ones could not sign for.
   */
  replaceAll?: boolean;
}

/**
 * Signing secret rows of a webhook: the first one, and rotations that keep the old secret valid
 * for a grace period. Callers hold the webhook's row lock and publish the state afterwards.
 */
@Injectable()
export class SigningSecretRotationService {
  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly secretBox: SecretBox,
    private readonly env: SubscriptionEnv,
  ) {}

  get defaultGraceSeconds(): number {
    return this.env.SECRET_ROTATION_GRACE_SECONDS;
  }

  async issueFirst(
    manager: EntityManager,
    webhookId: string,
    secret: string,
    now: Date,
  ): Promise<WebhookSecret> {
    return this.insertCurrent(manager, webhookId, secret, now);
  }

  async rotate(
    manager: EntityManager,
    webhookId: string,
    options: RotationOptions,
    now: Date,
  ): Promise<void> {
    if (options.replaceAll) {
      await manager.delete(WebhookSecret, { webhookId });
      await this.insertCurrent(manager, webhookId, options.newSecret, now);
      return;
    }
    const graceSeconds = options.graceSeconds ?? this.defaultGraceSeconds;
    const current = await this.webhooks.currentSecret(webhookId, manager);
    if (current !== null && graceSeconds === 0) {
      await manager.delete(WebhookSecret, { id: current.id });
    } else if (current !== null) {
      await manager.update(
        WebhookSecret,
        { id: current.id },
        { expiresAt: new Date(now.getTime() + graceSeconds * 1000) },
      );
    }
    await this.insertCurrent(manager, webhookId, options.newSecret, now);
    await this.endOldestRetiring(manager, webhookId, now);
  }

  /** Decrypts `secret` (sealed for `webhookId`). */
  open(secret: WebhookSecret): string {
    return this.secretBox.decrypt(secret.encrypted, secret.webhookId);
  }

  private async insertCurrent(
    manager: EntityManager,
    webhookId: string,
    secret: string,
    now: Date,
  ): Promise<WebhookSecret> {
    const row = manager.create(WebhookSecret, {
      id: randomUUID(),
      webhookId,
      // The webhook id as AAD: a sealed secret copied onto another webhook will not decrypt.
      encrypted: this.secretBox.encrypt(secret, webhookId),
      createdAt: now,
      expiresAt: null,
    });
    await manager.insert(WebhookSecret, row);
    return row;
  }

  // Each retiring secret adds a signature to every request; rotating in a loop must not grow that without bound.
  private async endOldestRetiring(manager: EntityManager, webhookId: string, now: Date): Promise<void> {
    const retiring = (await this.webhooks.liveSecrets(manager, webhookId, now))
      .filter((secret) => secret.expiresAt !== null)
      .sort((a, b) => (b.expiresAt?.getTime() ?? 0) - (a.expiresAt?.getTime() ?? 0));
    for (const secret of retiring.slice(WEBHOOK_LIMITS.maxRetiringSecrets)) {
      await manager.delete(WebhookSecret, { id: secret.id });
    }
  }
}
