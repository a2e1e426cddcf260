import { TestReceiver, type ReceiverTls, type ReplyPolicy } from '@hookline/testing';
import {
  createOrganization,
  createWebhook,
  publishEvent,
  rotateSigningSecret,
  startPlatform,
  untilRouted,
  type CreatedWebhook,
  type Organization,
  type Platform,
} from './platform';

export interface StageOptions {
  /** How the receiver answers; 200 `ok` when not given. */
  reply?: ReplyPolicy;
  /** The receiver serves HTTPS with this certificate. */
  tls?: ReceiverTls;
  /** The platform's environment; a function when it needs what an earlier `beforeAll` of the spec started. */
  env?: Record<string, string> | (() => Record<string, string>);
}

export interface RoutedOptions {
  /** Asserts more of the warm-up event that reached the webhook's path. */
  arrived?: (eventId: string) => void;
  /** Of the warm-up events, `job_warmup` unless the webhook's filter needs another. */
  subject?: string;
  perTryMs?: number;
  timeoutMs?: number;
}

/** A receiver, the platform and one organization, which a spec's tests share. */
export class Stage {
  receiver!: TestReceiver;
  platform!: Platform;
  organization!: Organization;

  /** The organization's first API key: it has every scope. */
  get key(): string {
    return this.organization.apiKey.key;
  }

  /** The address of `path` at one of the platform's services. */
  url(service: 'subscription' | 'ingest' | 'audit', path: string): string {
    return `${this.platform[service].baseUrl}${path}`;
  }

  /** Publishes one event of the catalog's example data as the organization; answers its id. */
  publish(subject: string, type?: string): Promise<string> {
    return publishEvent(this.platform, this.key, subject, type);
  }

  /** Rotates the webhook's signing secret, the old one signing too for `gracePeriodSeconds`; answers the new. */
  rotateSigningSecret(webhookId: string, gracePeriodSeconds: number): Promise<string> {
    return rotateSigningSecret(this.platform, this.key, webhookId, gracePeriodSeconds);
  }

  /** The event ids (webhook-id) of the requests that reached the receiver at `path`, as they arrived. */
  eventIdsAt(path: string): string[] {
    return this.receiver.requestsTo(path).map((request) => String(request.headers['webhook-id']));
  }

  /** Creates the organization's webhook at the receiver's `path`, active and for job.* unless `body` says. */
  webhookAt(path: string, body: Record<string, unknown>): Promise<CreatedWebhook> {
    return createWebhook(this.platform, this.key, {
      url: `${this.receiver.url}${path}`,
      events: ['job.*'],
      active: true,
      ...body,
    });
  }

  /**
   * Publishes warm-up events until one reached `path` (and `arrived` accepts it): a new webhook reaches
   * delivery-service through Kafka, so the first events may find it unknown.
   */
  async untilRoutedAt(
    path: string,
    { arrived, subject = 'job_warmup', ...waiting }: RoutedOptions = {},
  ): Promise<void> {
    await untilRouted(
      () => this.publish(subject),
      (eventId) => {
        expect(this.eventIdsAt(path)).toContain(eventId);
        arrived?.(eventId);
      },
      waiting,
    );
  }

  /** Creates the webhook as `webhookAt` does, then waits as `untilRoutedAt` does until it is routed. */
  async routedWebhookAt(
    path: string,
    body: Record<string, unknown>,
    routed?: RoutedOptions,
  ): Promise<CreatedWebhook> {
    const webhook = await this.webhookAt(path, body);
    await this.untilRoutedAt(path, routed);
    return webhook;
  }
}

/**
 * Declares the describe's `beforeAll` that starts a receiver, the platform and the organization named
 * `organization`, and the `afterAll` that stops what started; answers them, set once that `beforeAll` ran.
 * Hooks run in the order they are declared: what the platform needs is started in a `beforeAll` above
 * this call, and stopped in an `afterAll` below it.
 */
export function useStage(organization: string, { reply, tls, env = {} }: StageOptions = {}): Stage {
  const stage = new Stage();
  beforeAll(async () => {
    stage.receiver = await TestReceiver.start(reply, { tls });
    stage.platform = await startPlatform(typeof env === 'function' ? env() : env);
    stage.organization = await createOrganization(stage.platform, organization);
  });
  afterAll(async () => {
    // Either is unset when the beforeAll failed before starting it.
    await (stage.platform as Platform | undefined)?.stop();
    await (stage.receiver as TestReceiver | undefined)?.stop();
  });
  return stage;
}
