import { newId, type DeliveredPayload, type DeliveryCommand } from '@hookline/contracts';

/** What the log holds about a delivery that a redelivery command is built from. */
export interface RedeliverySource {
  deliveryId: string;
  webhookId: string;
  organizationId: string;
  subject: string;
  attemptCount: number;
  payload: { body: DeliveredPayload; occurredAt: Date };
}

export function newCommandId(): string {
  return newId('cmd');
}

/**
 * The envelope is rebuilt from the stored payload: the body the endpoint received plus the
 * delivery's subject and organization. `expiresAt` is not in the log, so the event type's
 * default time-to-live applies again.
 */
export function buildDeliveryCommand(
  source: RedeliverySource,
  requestedAt: Date,
  commandId = newCommandId(),
): DeliveryCommand {
  const { body } = source.payload;
  return {
    kind: 'redeliver',
    commandId,
    deliveryId: source.deliveryId,
    webhookId: source.webhookId,
    organizationId: source.organizationId,
    event: {
      id: body.id,
      type: body.type,
      organizationId: source.organizationId,
      subject: source.subject,
      occurredAt: source.payload.occurredAt.toISOString(),
      expiresAt: null,
      data: body.data,
    },
    attempt: source.attemptCount + 1,
    requestedAt: requestedAt.toISOString(),
  };
}
