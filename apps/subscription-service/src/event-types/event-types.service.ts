import { Injectable } from '@nestjs/common';
import {
  DEFAULT_RETRY_POLICY,
  EVENT_CATALOG,
  eventDataJsonSchema,
  findEventType,
  type EventOrigin,
  type JSONSchema,
  type RetryPolicy,
} from '@hookline/contracts';
import { patternsCovering } from '../webhooks/validate-event-patterns';
import { WebhooksRepository } from '../webhooks/webhooks.repository';
import { EventTypeException } from './event-types.exception';

export interface EventTypeView {
  type: string;
  resource: string;
  description: string;
  origin: EventOrigin;
  schema: JSONSchema;
  example: Record<string, unknown>;
  /** What a webhook that sets no schedule gets for this type: the catalog's, else the platform default. */
  defaultRetryPolicy: RetryPolicy;
  defaultTtlSeconds: number | null;
}

/** The event catalog as customers see it, and whether they would receive a type at all. */
@Injectable()
export class EventTypesService {
  private catalog: EventTypeView[] | null = null;

  constructor(private readonly webhooks: WebhooksRepository) {}

  /** Every catalog type with its JSON Schema and example; built once, the catalog is fixed at build time. */
  list(): EventTypeView[] {
    this.catalog ??= EVENT_CATALOG.map((definition) => ({
      type: definition.type,
      resource: definition.resource,
      description: definition.description,
      origin: definition.origin ?? 'product',
      schema: eventDataJsonSchema(definition.type),
      example: definition.example,
      defaultRetryPolicy: definition.defaultRetryPolicy ?? DEFAULT_RETRY_POLICY,
      defaultTtlSeconds: definition.defaultTtlSeconds ?? null,
    }));
    return this.catalog;
  }

  /**
   * Whether an active webhook of the organization subscribes to `type`, and whether one of them
   * takes every event of it (has no payload filter); 404 for an unknown type.
   */
  async subscribers(organizationId: string, type: string): Promise<{ active: boolean; everyEvent: boolean }> {
    if (findEventType(type) === undefined) {
      throw EventTypeException.notFound(type);
    }
    return this.webhooks.activeSubscribers(organizationId, patternsCovering(type));
  }
}
