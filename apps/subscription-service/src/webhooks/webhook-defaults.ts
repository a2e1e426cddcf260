import {
  DEFAULT_RETRY_POLICY,
  type EndpointAuth,
  type RetryPolicy,
  type SignatureScheme,
} from '@hookline/contracts';

/** What a webhook gets for the settings its creator left out. */
export const WEBHOOK_DEFAULTS = {
  // Created deactivated, as the job CRM documents; turning it on is a deliberate step.
  active: false,
  timeoutSeconds: 15,
  auth: (): EndpointAuth => ({ type: 'none' }),
  retryPolicy: (): RetryPolicy => ({ ...DEFAULT_RETRY_POLICY }),
  signatureScheme: (): SignatureScheme => ({ type: 'standard-webhooks' }),
} as const;
