import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { RELAY_PATH, type RelayReadyFrame } from '@hookline/contracts';
import { WebhookException } from '../webhooks/webhooks.exception';
import { WebhooksService } from '../webhooks/webhooks.service';
import { RelayException } from './relay.exception';
import { RELAY_OPTIONS, relayWebhookTimeoutSeconds, type RelayOptions } from './relay.options';
import { RelaySession, textAnswer, type RelayAnswer } from './relay-session';

/**
 * The relay's rules: a `hookline listen` connection owns one temporary webhook pointing at this service,
 * created before the connection is accepted and deleted when it closes; deliveries to it travel over the
 * connection and the local endpoint's answer becomes the attempt's answer.
 */
@Injectable()
export class RelaySessionsService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(RelaySessionsService.name);
  private readonly sessions = new Map<string, RelaySession>();

  constructor(
    private readonly webhooks: WebhooksService,
    @Inject(RELAY_OPTIONS) private readonly options: RelayOptions,
  ) {}

  get enabled(): boolean {
    return this.options.publicUrl !== '';
  }

  /** Creates the temporary webhook; the socket is attached once the upgrade completes. */
  async open(
    organizationId: string,
    events: string[],
  ): Promise<{ session: RelaySession; ready: RelayReadyFrame }> {
    if (!this.enabled) {
      throw RelayException.disabled();
    }
    const held = [...this.sessions.values()].filter((session) => session.organizationId === organizationId);
    if (held.length >= this.options.maxSessionsPerOrganization) {
      throw RelayException.tooManySessions(this.options.maxSessionsPerOrganization);
    }
    const session = new RelaySession(organizationId);
    const url = `${this.options.publicUrl.replace(/\/+$/, '')}${RELAY_PATH}/${session.token}`;
    const { webhook, signingSecret } = await this.webhooks.create(organizationId, {
      name: 'hookline listen',
      description:
        'Temporary: forwards deliveries to a developer machine; deleted when hookline listen exits.',
      url,
      events,
      active: true,
      metadata: { 'hookline.relay': 'true' },
      timeoutSeconds: relayWebhookTimeoutSeconds(this.options),
    });
    session.webhookId = webhook.id;
    this.sessions.set(session.token, session);
    return {
      session,
      ready: { type: 'ready', webhookId: webhook.id, url, events: webhook.events, signingSecret },
    };
  }

  /** The connection ended: pending deliveries are answered 502 and the temporary webhook is deleted. */
  async close(session: RelaySession): Promise<void> {
    if (!this.sessions.delete(session.token)) {
      return;
    }
    session.abandon();
    if (session.webhookId === null) {
      return;
    }
    try {
      await this.webhooks.remove(session.organizationId, session.webhookId);
    } catch (error) {
      // Deleted already (by hand, through the API) is the outcome we want.
      if (error instanceof WebhookException && error.getStatus() === 404) {
        return;
      }
      this.logger.error(`could not delete temporary webhook ${session.webhookId}: ${String(error)}`);
    }
  }

  /**
   * A delivery to a temporary webhook. An unknown token answers 410 Gone, so delivery-service disables a
   * webhook whose relay connection is gone for good (one left behind by a crash).
   */
  async forward(token: string, headers: Record<string, string>, body: Buffer): Promise<RelayAnswer> {
    const session = this.sessions.get(token);
    const attached = session !== undefined && (await session.whenAttached(this.options.responseTimeoutMs));
    if (session === undefined || !attached || !session.isOpen) {
      return textAnswer(410, 'no hookline listen connection holds this relay URL any more');
    }
    return session.forward(headers, body, this.options.responseTimeoutMs);
  }

  async beforeApplicationShutdown(): Promise<void> {
    const open = [...this.sessions.values()];
    for (const session of open) {
      session.socket?.close(1001, 'the relay is shutting down');
    }
    await Promise.all(open.map((session) => this.close(session)));
  }
}
