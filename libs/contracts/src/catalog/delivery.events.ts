import { defineEventType } from './define-event-type';
import type { EventTypeDefinition } from './event-type-definition';
import { IsCount, IsEventTypeName, IsIdentifier, IsText, Nullable } from './field-decorators';

/** The `data` of `delivery.exhausted`. */
export class DeliveryExhaustedData {
  /** The delivery that gave up. */
  @IsIdentifier()
  deliveryId!: string;

  /** The webhook the event was being delivered to. */
  @IsIdentifier()
  webhookId!: string;

  /** The event that was not delivered. */
  @IsIdentifier()
  eventId!: string;

  /** The type of the event that was not delivered. */
  @IsEventTypeName()
  eventType!: string;

  /** How many attempts were made. */
  @IsCount(1)
  attempts!: number;

  /** The HTTP status of the last attempt, or null when no response arrived. */
  @Nullable()
  @IsCount(100, 599)
  lastResponseStatus!: number | null;

  /** Why the last attempt failed without a response (e.g. a timeout), or null when it got one. */
  @Nullable()
  @IsText(1000)
  lastError!: string | null;
}

/** The `data` of `delivery.recovered`. */
export class DeliveryRecoveredData {
  /** The webhook whose endpoint recovered. */
  @IsIdentifier()
  webhookId!: string;

  /** The delivery that succeeded. */
  @IsIdentifier()
  deliveryId!: string;

  /** The event that was delivered. */
  @IsIdentifier()
  eventId!: string;

  /** How many attempts had failed before this success. */
  @IsCount(1)
  failedAttemptsBefore!: number;
}

export const DELIVERY_EVENTS: readonly EventTypeDefinition[] = [
  defineEventType({
    type: 'delivery.exhausted',
    resource: 'delivery',
    description: 'Hookline stopped retrying an event to one of your webhooks after its last attempt failed.',
    dataClass: DeliveryExhaustedData,
    example: {
      deliveryId: 'dlv_01JDZ8Q4M7X2',
      webhookId: 'wh_2x7k9q',
      eventId: 'evt_01JDZ7T3B8K5',
      eventType: 'job.status_changed',
      attempts: 3,
      lastResponseStatus: 503,
      lastError: null,
    },
    origin: 'platform',
  }),
  defineEventType({
    type: 'delivery.recovered',
    resource: 'delivery',
    description: 'An event was delivered to one of your webhooks after earlier attempts had failed.',
    dataClass: DeliveryRecoveredData,
    example: {
      webhookId: 'wh_2x7k9q',
      deliveryId: 'dlv_01JDZ9C1R4W6',
      eventId: 'evt_01JDZ8Y5N2P9',
      failedAttemptsBefore: 2,
    },
    origin: 'platform',
  }),
];
