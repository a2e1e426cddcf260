import { defineEventType } from './define-event-type';
import type { EventTypeDefinition } from './event-type-definition';
import { IsIdentifier, IsText, IsTimestamp } from './field-decorators';

/** The `data` of `webhook.test`. */
export class WebhookTestData {
  /** The webhook the test is sent to. */
  @IsIdentifier()
  webhookId!: string;

  /** A human-readable note about why the test was sent. */
  @IsText(500)
  message!: string;
}

/** The `data` of `webhook.disabled`. */
export class WebhookDisabledData {
  /** The webhook that was disabled. */
  @IsIdentifier()
  webhookId!: string;

  /** Why Hookline disabled it, e.g. `endpoint answered 410 Gone`. */
  @IsText(500)
  reason!: string;

  /** When it was disabled. */
  @IsTimestamp()
  disabledAt!: string;
}

export const WEBHOOK_EVENTS: readonly EventTypeDefinition[] = [
  defineEventType({
    type: 'webhook.test',
    resource: 'webhook',
    description: 'A test event, sent when a webhook is activated or when you ask for a test.',
    dataClass: WebhookTestData,
    example: { webhookId: 'wh_2x7k9q', message: 'Webhook activated: this is a test event from Hookline.' },
    // Someone is looking at the result now: a retry hours later answers a question nobody asks any more.
    defaultRetryPolicy: { preset: 'none' },
    origin: 'platform',
  }),
  defineEventType({
    type: 'webhook.disabled',
    resource: 'webhook',
    description:
      'Hookline disabled one of your webhooks, e.g. after its endpoint answered 410 Gone or kept failing.',
    dataClass: WebhookDisabledData,
    example: {
      webhookId: 'wh_2x7k9q',
      reason: 'endpoint answered 410 Gone',
      disabledAt: '2026-11-22T10:00:00.000Z',
    },
    origin: 'platform',
  }),
];
