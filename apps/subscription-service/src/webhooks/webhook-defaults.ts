import type { EndpointAuth, RetryPolicy, SignatureScheme } from '@hookline/contracts';

/** The header of the `hmac-sha256-hex` scheme when none is named. */
export const DEFAULT_HMAC_SIGNATURE_HEADER = 'x-hookline-signature';

/** What a webhook gets for the settings its creator left out. */
export const WEBHOOK_DEFAULTS = {
  // Created deactivated, as the job CRM documents; turning it on is a deliberate step.
  active: false,
  timeoutSeconds: 15,
  ordered: false,
  rateLimitPerSecond: null,
  maxConcurrency: null,
  auth: (): EndpointAuth => ({ type: 'none' }),
  // Inherit: each event type's default schedule applies, `standard` where the type sets none.
  retryPolicy: (): RetryPolicy | null => null,
  signatureScheme: (): SignatureScheme => ({ type: 'standard-webhooks' }),
  metadata: (): Record<string, string> => ({}),
  headers: (): Record<string, string> => ({}),
} as const;
