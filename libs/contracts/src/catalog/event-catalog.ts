import { ACCOUNT_EVENTS } from './account.events';
import { CUSTOMER_EVENTS } from './customer.events';
import { DELIVERY_EVENTS } from './delivery.events';
import { DRAWING_EVENTS } from './drawing.events';
import { ESTIMATE_EVENTS } from './estimate.events';
import type { EventTypeDefinition } from './event-type-definition';
import { FLOOR_EVENTS } from './floor.events';
import { JOB_EVENTS } from './job.events';
import { ORDER_EVENTS } from './order.events';
import { PROJECT_EVENTS } from './project.events';
import { REPORT_EVENTS } from './report.events';
import { SIGNABLE_DOCUMENT_EVENTS } from './signable-document.events';
import { SIGNED_DOCUMENT_EVENTS } from './signed-document.events';
import { USER_EVENTS } from './user.events';
import { WEBHOOK_EVENTS } from './webhook.events';

/** Every event type Hookline knows, grouped by resource. */
export const EVENT_CATALOG: readonly EventTypeDefinition[] = Object.freeze([
  ...JOB_EVENTS,
  ...ESTIMATE_EVENTS,
  ...SIGNED_DOCUMENT_EVENTS,
  ...SIGNABLE_DOCUMENT_EVENTS,
  ...PROJECT_EVENTS,
  ...DRAWING_EVENTS,
  ...FLOOR_EVENTS,
  ...ORDER_EVENTS,
  ...USER_EVENTS,
  ...CUSTOMER_EVENTS,
  ...ACCOUNT_EVENTS,
  ...REPORT_EVENTS,
  ...WEBHOOK_EVENTS,
  ...DELIVERY_EVENTS,
]);

const definitionsByType = new Map(EVENT_CATALOG.map((definition) => [definition.type, definition]));

/** Every event type name, e.g. `job.status_changed`, in catalog order. */
export const EVENT_TYPES: readonly string[] = Object.freeze(
  EVENT_CATALOG.map((definition) => definition.type),
);

/** The distinct resources, in catalog order; each names the domain topic `domain.<resource>.v1`. */
export const RESOURCES: readonly string[] = Object.freeze([
  ...new Set(EVENT_CATALOG.map((definition) => definition.resource)),
]);

/** The catalog entry of `type`, or undefined when the type is not in the catalog. */
export function findEventType(type: string): EventTypeDefinition | undefined {
  return definitionsByType.get(type);
}
