export const DISABLE_REASONS = ['gone', 'failing'] as const;
export type DisableReason = (typeof DISABLE_REASONS)[number];

/** Delivery's word about an endpoint; subscription-service owns the resulting change. */
export interface EndpointSignal {
  kind: 'disable';
  webhookId: string;
  organizationId: string;
  reason: DisableReason;
  detail: string;
  at: string;
}
