/**
 * The shapes of the subscription and audit APIs the portal uses, by the names the screens use. They
 * are the API client's types, generated from the APIs' OpenAPI documents; only types are imported, so
 * nothing of the client is bundled.
 */
import type { AuditComponents, AuditPaths, SubscriptionComponents } from '@hookline/client';

type Subscription = SubscriptionComponents['schemas'];
type Audit = AuditComponents['schemas'];

export type Webhook = Subscription['WebhookResponse'];
export type CreatedWebhook = Subscription['CreatedWebhookResponse'];
export type AuthType = Webhook['auth']['type'];
export type RetryPolicy = Subscription['RetryPolicyView'];
export type RetryPreset = RetryPolicy['preset'];
/** A preset, or `inherit`: no schedule of the webhook's own (`retryPolicy: null`). */
export type RetryChoice = 'inherit' | RetryPreset;
export type SignatureScheme = Subscription['SignatureSchemeView'];
export type SignatureSchemeType = SignatureScheme['type'];
export type WebhookTls = Subscription['WebhookTlsView'];
export type CertificateSummary = Subscription['CertificateSummaryView'];
export type Backfill = Subscription['BackfillResponse'];
export type BackfillStatus = Backfill['status'];
export type EventType = Subscription['EventTypeResponse'];

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

type CreateWebhookDto = Subscription['CreateWebhookDto'];
type OAuth2Auth = Subscription['OAuth2AuthDto'];
/** The API document calls `scope` and `audience` objects; they are texts, null for none. */
type OAuth2AuthInput = Omit<OAuth2Auth, 'scope' | 'audience'> & {
  scope: string | null;
  audience: string | null;
};
export type AuthInput = Exclude<NonNullable<CreateWebhookDto['auth']>, OAuth2Auth> | OAuth2AuthInput;

/** The body of create and update (where each setting is replaced as a whole), as the form sends it. */
export type WebhookInput = Omit<CreateWebhookDto, 'filter' | 'auth'> & {
  /** An object, null to clear it; text that is not JSON is sent as typed for the API to refuse. */
  filter?: unknown;
  auth?: AuthInput;
};

export type DeliverySummary = Audit['DeliverySummaryDto'];
export type DeliveryDetail = Audit['DeliveryDetailDto'];
export type DeliveryStatus = DeliverySummary['status'];
export const DELIVERY_STATUSES: DeliveryStatus[] = ['pending', 'succeeded', 'retrying', 'failed', 'expired'];
export type HoldReason = NonNullable<DeliverySummary['heldReason']>;
export type Attempt = Audit['AttemptDto'];
export type AttemptOutcome = Attempt['outcome'];

type DeliveryQuery = NonNullable<AuditPaths['/v1/webhooks/{id}/deliveries']['get']['parameters']['query']>;
/** The filters the log offers. */
export type DeliveryFilters = Pick<DeliveryQuery, 'status' | 'eventType' | 'from' | 'to'>;

export type Stats = Audit['StatsDto'];
export type StatsSummary = Audit['StatsSummaryDto'];
export type RecoveryAccepted = Audit['RecoveryAcceptedDto'];
