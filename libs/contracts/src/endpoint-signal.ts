/** Delivery's word about an endpoint; subscription-service owns the resulting change. */
export interface EndpointSignal {
  kind: 'disable';
  webhookId: string;
  organizationId: string;
  reason: 'gone' | 'failing';
  detail: string;
  at: string;
}
