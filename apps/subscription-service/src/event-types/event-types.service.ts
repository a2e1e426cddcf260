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
import { DeliveryDefaultsService } from '../delivery-defaults/delivery-defaults.service';
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
  /**
   * What the organization's webhooks that set no schedule get for this type: the organization's own,
   * else the catalog's, else the platform default; likewise the TTL (else none).
   */
  defaultRetryPolicy: RetryPolicy;
  defaultTtlSeconds: number | null;
  /** The organization's own defaults for the type (PUT …/delivery-defaults), or null. */
  organizationDefaults: { retryPolicy: RetryPolicy | null; ttlSeconds: number | null } | null;
}

type CatalogView = Omit<EventTypeView, 'organizationDefaults'>;

/** The event catalog as customers see it, and whether they would receive a type at all. */
@Injectable()
export class EventTypesService {
  private catalog: CatalogView[] | null = null;

  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly deliveryDefaults: DeliveryDefaultsService,
  ) {}

  /** Every catalog type with its JSON Schema, example and the defaults that apply to the organization. */
  async list(organizationId: string): Promise<EventTypeView[]> {
    const own = await this.deliveryDefaults.byType(organizationId);
    return this.catalogViews().map((view) => {
      const defaults = own.get(view.type);
      if (defaults === undefined) {
        return { ...view, organizationDefaults: null };
      }
      return {
        ...view,
        defaultRetryPolicy: defaults.retryPolicy ?? view.defaultRetryPolicy,
        defaultTtlSeconds: defaults.ttlSeconds ?? view.defaultTtlSeconds,
        organizationDefaults: { retryPolicy: defaults.retryPolicy, ttlSeconds: defaults.ttlSeconds },
      };
    });
  }

  /** Built once: the catalog is fixed at build time. */
  private catalogViews(): CatalogView[] {
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
