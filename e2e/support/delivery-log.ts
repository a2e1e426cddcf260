import { eventually } from '@hookline/testing';
import { call } from './api-client';
import type { Platform } from './platform';

export interface LoggedAttempt {
  attempt: number;
  responseStatus: number | null;
  outcome: string;
  error: string | null;
  requestHeaders: Record<string, string>;
}

export interface LoggedDelivery {
  id: string;
  status: string;
  attempts: LoggedAttempt[];
}

/**
 * The delivery log's entry of `eventId` at the webhook, once audit-projection lists it as the event's one
 * delivery there (with `status`, when given) and `holds` (if given) accepts its detail: the log is
 * eventually consistent.
 */
export function loggedDelivery(
  platform: Platform,
  token: string,
  { webhookId, eventId, status }: { webhookId: string; eventId: string; status?: string },
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
      if (status !== undefined) {
        expect(listed.body.items[0].status).toBe(status);
      }
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

/** The delivery log's entry of `eventId` at the webhook once it succeeded (see `loggedDelivery`). */
export function succeededDelivery(
  platform: Platform,
  token: string,
  delivery: { webhookId: string; eventId: string },
  holds?: (delivery: LoggedDelivery) => void,
): Promise<LoggedDelivery> {
  return loggedDelivery(platform, token, { ...delivery, status: 'succeeded' }, holds);
}
