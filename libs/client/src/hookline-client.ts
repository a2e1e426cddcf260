import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type {
  components as AuditComponents,
  paths as AuditPaths,
  operations as AuditOperations,
} from './generated/audit-projection-service';
import type { components as IngestComponents, paths as IngestPaths } from './generated/event-ingest-service';
import type {
  components as SubscriptionComponents,
  operations as SubscriptionOperations,
  paths as SubscriptionPaths,
} from './generated/subscription-service';
import { paginate } from './paginate';
import { unwrap } from './unwrap';

export type Webhook = SubscriptionComponents['schemas']['WebhookResponse'];
export type CreateWebhook = SubscriptionComponents['schemas']['CreateWebhookDto'];
export type UpdateWebhook = SubscriptionComponents['schemas']['UpdateWebhookDto'];
export type EventType = SubscriptionComponents['schemas']['EventTypeResponse'];
export type DeliverySummary = AuditComponents['schemas']['DeliverySummaryDto'];
export type DeliveryDetail = AuditComponents['schemas']['DeliveryDetailDto'];
export type PublishEvent = IngestComponents['schemas']['IngestEventDto'];
export type WebhookListQuery = Omit<
  NonNullable<SubscriptionOperations['WebhooksController_list']['parameters']['query']>,
  'cursor'
>;
export type DeliveryListQuery = Omit<
  NonNullable<AuditOperations['DeliveriesController_listForWebhook']['parameters']['query']>,
  'cursor'
>;

export interface HooklineClientOptions {
  /** subscription-service: webhooks, secrets, event types. */
  subscriptionUrl: string;
  /** event-ingest-service: publishing events. */
  ingestUrl: string;
  /** audit-projection-service: the delivery log, redelivery, recovery. */
  auditUrl: string;
  /** An organization API key (`hk_…`), or the admin token for the organization endpoints. */
  apiKey: string;
  /** For tests and runtimes with their own fetch. */
  fetch?: typeof fetch;
}

/**
 * The three HTTP APIs with the types generated from their OpenAPI documents. Calls are openapi-fetch
 * calls (`client.subscription.GET('/v1/webhooks/{id}', …)`); `unwrap()` turns a refusal into a
 * `HooklineApiError`, and the list helpers walk every page.
 */
export class HooklineClient {
  readonly subscription: Client<SubscriptionPaths>;
  readonly ingest: Client<IngestPaths>;
  readonly audit: Client<AuditPaths>;

  constructor(options: HooklineClientOptions) {
    const auth: Middleware = {
      onRequest({ request }) {
        request.headers.set('authorization', `Bearer ${options.apiKey}`);
        return request;
      },
    };
    const make = <Paths extends object>(baseUrl: string): Client<Paths> => {
      const client = createClient<Paths>({ baseUrl: baseUrl.replace(/\/+$/, ''), fetch: options.fetch });
      client.use(auth);
      return client;
    };
    this.subscription = make<SubscriptionPaths>(options.subscriptionUrl);
    this.ingest = make<IngestPaths>(options.ingestUrl);
    this.audit = make<AuditPaths>(options.auditUrl);
  }

  /** Every webhook of the organization matching `query`, newest first, across pages. */
  webhooks(query: WebhookListQuery = {}): AsyncGenerator<Webhook> {
    return paginate((cursor) =>
      unwrap(this.subscription.GET('/v1/webhooks', { params: { query: { ...query, cursor } } }), {
        method: 'GET',
        url: '/v1/webhooks',
      }),
    );
  }

  /** Every delivery of a webhook matching `query`, newest first, across pages. */
  deliveries(webhookId: string, query: DeliveryListQuery = {}): AsyncGenerator<DeliverySummary> {
    return paginate((cursor) =>
      unwrap(
        this.audit.GET('/v1/webhooks/{id}/deliveries', {
          params: { path: { id: webhookId }, query: { ...query, cursor } },
        }),
        { method: 'GET', url: `/v1/webhooks/${webhookId}/deliveries` },
      ),
    );
  }
}
