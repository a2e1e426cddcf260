import { eventually } from '@hookline/testing';
import { call } from './api-client';
import type { Platform } from './platform';

export interface LoggedDelivery {
  id: string;
  status: string;
  attempts: Array<{ attempt: number; responseStatus: number | null; outcome: string }>;
}

/**
 * The delivery log's entry of `eventId` at the webhook, once audit-projection lists it as the event's one
 * delivery there, succeeded, and `holds` (if given) accepts its detail: the log is eventually consistent.
 */
export function succeededDelivery(
  platform: Platform,
  token: string,
  { webhookId, eventId }: { webhookId: string; eventId: string },
  holds: (delivery: LoggedDelivery) => void = () => undefined,
): Promise<LoggedDelivery> {
  const audit = platform.audit.baseUrl;
  return eventually(
    async () => {
      const listed = await call<{ items: Array<{ id: string; status: string }> }>(
        'GET',
        `${audit}/v1/webhooks/${webhookId}/deliveries?eventId=${eventId}`,
        { token },
      );
      expect(listed.status).toBe(200);
      expect(listed.body.items).toHaveLength(1);
      expect(listed.body.items[0].status).toBe('succeeded');
      const found = await call<LoggedDelivery>('GET', `${audit}/v1/deliveries/${listed.body.items[0].id}`, {
        token,
      });
      expect(found.status).toBe(200);
      holds(found.body);
      return found.body;
    },
    { timeoutMs: 30_000, intervalMs: 250 },
  );
}
