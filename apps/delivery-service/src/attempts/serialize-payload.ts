import type { DeliveredPayload, EventEnvelope } from '@hookline/contracts';

/** The body every endpoint of an event receives, as an object (for the log) and as the exact bytes signed and sent. */
export interface SerializedPayload {
  payload: DeliveredPayload;
  body: Buffer;
}

/** Standard Webhooks body shape; serialised once per event so every webhook gets identical bytes. */
export function serializePayload(event: EventEnvelope): SerializedPayload {
  const payload: DeliveredPayload = {
    id: event.id,
    type: event.type,
    timestamp: event.occurredAt,
    data: event.data,
  };
  return { payload, body: Buffer.from(JSON.stringify(payload), 'utf8') };
}
