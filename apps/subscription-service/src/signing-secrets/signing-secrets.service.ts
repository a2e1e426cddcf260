import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SigningSecretRotationService } from '../webhooks/signing-secret-rotation.service';
import { newSigningSecret, shownSigningSecret, signingKeyProblem } from '../webhooks/signing-material';
import { WebhookChangesService } from '../webhooks/webhook-changes.service';
import { WebhookException } from '../webhooks/webhooks.exception';
import { WebhooksRepository } from '../webhooks/webhooks.repository';

export interface RotateSigningSecretInput {
  /** A caller-chosen `whsec_…` or, for ed25519, `whsk_…` (checked against the scheme); a random one when left out. */
  key?: string;
  gracePeriodSeconds?: number;
}

/** Reading and rotating a webhook's signing secret on its owner's request. */
@Injectable()
export class SigningSecretsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly webhooks: WebhooksRepository,
    private readonly rotation: SigningSecretRotationService,
    private readonly changes: WebhookChangesService,
  ) {}

  /** The current signing secret in plain text (of a key pair, its public key), for the owner's verifier. */
  async reveal(organizationId: string, webhookId: string): Promise<string> {
    const webhook = await this.webhooks.findOwned(organizationId, webhookId);
    if (!webhook) {
      throw WebhookException.notFound(webhookId);
    }
    const secret = await this.webhooks.currentSecret(webhook.id);
    if (!secret) {
      throw new Error(`webhook ${webhook.id} has no current signing secret`);
    }
    return shownSigningSecret(this.rotation.open(secret));
  }

  /**
   * Makes `key` (or a new random secret) the current one; the old one is still signed with for
   * the grace period. Publishes the new state; returns the new secret (of a key pair, its public key).
   */
  async rotate(organizationId: string, webhookId: string, input: RotateSigningSecretInput): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const webhook = await this.webhooks.findOwned(organizationId, webhookId, { manager, forUpdate: true });
      if (!webhook) {
        throw WebhookException.notFound(webhookId);
      }
      const problem = input.key === undefined ? null : signingKeyProblem(webhook.signatureScheme, input.key);
      if (problem !== null) {
        throw WebhookException.invalidSigningSecret(problem);
      }
      const newSecret = input.key ?? newSigningSecret(webhook.signatureScheme);
      const current = await this.webhooks.currentSecret(webhook.id, manager);
      if (current !== null && this.rotation.open(current) === newSecret) {
        throw WebhookException.invalidSigningSecret(
          'key is the current signing secret already; choose a new one',
        );
      }
      const now = new Date();
      await this.rotation.rotate(
        manager,
        webhook.id,
        { newSecret, graceSeconds: input.gracePeriodSeconds },
        now,
      );
      await this.changes.save(manager, webhook, {}, now);
      return shownSigningSecret(newSecret);
    });
  }
}
