import { ApiError, toApiError } from './api-error';
import type {
  Backfill,
  CreatedWebhook,
  DeliveryDetail,
  DeliveryFilters,
  DeliverySummary,
  EventType,
  Page,
  RecoveryAccepted,
  Stats,
  Webhook,
  WebhookInput,
} from './types';

export interface ApiClientOptions {
  /** Base of subscription-service; '' when the portal is served by it. */
  subscriptionUrl: string;
  auditUrl: string;
  token: string;
  /** Called on every 401: the session ended or the key was revoked. */
  onUnauthorized: (error: ApiError) => void;
  fetchImpl?: typeof fetch;
}

type Query = Record<string, string | number | undefined>;

/** The one place the portal talks HTTP; every call is typed by what the API answers. */
export function createApiClient(options: ApiClientOptions) {
  const fetchImpl = options.fetchImpl ?? ((input, init) => fetch(input, init));

  async function request<T>(
    base: string,
    method: string,
    path: string,
    body?: unknown,
    query?: Query,
  ): Promise<T> {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== '') {
        search.set(key, String(value));
      }
    }
    const url = `${base}${path}${search.size > 0 ? `?${search.toString()}` : ''}`;
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method,
        headers: {
          authorization: `Bearer ${options.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new ApiError(0, error instanceof Error ? error.message : String(error), []);
    }
    if (!response.ok) {
      const error = await toApiError(response);
      if (error.status === 401) {
        options.onUnauthorized(error);
      }
      throw error;
    }
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  const subscription = <T>(method: string, path: string, body?: unknown, query?: Query) =>
    request<T>(options.subscriptionUrl, method, path, body, query);
  const audit = <T>(method: string, path: string, body?: unknown, query?: Query) =>
    request<T>(options.auditUrl, method, path, body, query);
  const id = encodeURIComponent;

  return {
    listWebhooks: (cursor?: string) =>
      subscription<Page<Webhook>>('GET', '/v1/webhooks', undefined, { limit: 50, cursor }),
    getWebhook: (webhookId: string) => subscription<Webhook>('GET', `/v1/webhooks/${id(webhookId)}`),
    createWebhook: (input: WebhookInput) => subscription<CreatedWebhook>('POST', '/v1/webhooks', input),
    updateWebhook: (webhookId: string, input: Partial<WebhookInput>) =>
      subscription<Webhook>('PATCH', `/v1/webhooks/${id(webhookId)}`, input),
    deleteWebhook: (webhookId: string) => subscription<void>('DELETE', `/v1/webhooks/${id(webhookId)}`),
    sendTestEvent: (webhookId: string) =>
      subscription<{ eventId: string }>('POST', `/v1/webhooks/${id(webhookId)}/test`),
    getSecret: (webhookId: string) =>
      subscription<{ key: string }>('GET', `/v1/webhooks/${id(webhookId)}/secret`),
    rotateSecret: (webhookId: string, gracePeriodSeconds: number) =>
      subscription<{ key: string }>('POST', `/v1/webhooks/${id(webhookId)}/secret/rotate`, {
        gracePeriodSeconds,
      }),
    listBackfills: (webhookId: string) =>
      subscription<{ items: Backfill[] }>('GET', `/v1/webhooks/${id(webhookId)}/backfills`),
    startBackfill: (webhookId: string, since: string) =>
      subscription<Backfill>('POST', `/v1/webhooks/${id(webhookId)}/backfill`, { since }),
    cancelBackfill: (webhookId: string, backfillId: string) =>
      subscription<Backfill>('POST', `/v1/webhooks/${id(webhookId)}/backfills/${id(backfillId)}/cancel`),
    listEventTypes: () => subscription<{ items: EventType[] }>('GET', '/v1/event-types'),
    isSubscribed: (type: string) =>
      subscription<{ active: boolean; everyEvent: boolean }>('GET', `/v1/event-types/${id(type)}/subscribed`),
    listDeliveries: (webhookId: string, filters: DeliveryFilters, cursor?: string, limit = 20) =>
      audit<Page<DeliverySummary>>('GET', `/v1/webhooks/${id(webhookId)}/deliveries`, undefined, {
        ...filters,
        cursor,
        limit,
      }),
    getDelivery: (deliveryId: string) => audit<DeliveryDetail>('GET', `/v1/deliveries/${id(deliveryId)}`),
    redeliver: (deliveryId: string) =>
      audit<{ commandId: string }>('POST', `/v1/deliveries/${id(deliveryId)}/redeliver`),
    recoverSince: (webhookId: string, since: string) =>
      audit<RecoveryAccepted>('POST', `/v1/webhooks/${id(webhookId)}/recover`, { since }),
    getStats: (query: { webhookId?: string; from?: string; bucket: 'hour' | 'day' }) =>
      audit<Stats>('GET', '/v1/stats', undefined, query),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
