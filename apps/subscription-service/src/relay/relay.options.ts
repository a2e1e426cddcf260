/** The relay's settings, from the environment. */
export interface RelayOptions {
  /**
   * Base URL delivery-service reaches this service at, e.g. `https://relay.hookline.example.com`; the
   * temporary webhooks point under it. Empty: the relay is off. It passes the same egress policy as every
   * webhook URL, so production needs a public https URL, and a loopback one works only where the
   * policy is loosened explicitly (`ALLOW_INSECURE_URLS`, `EGRESS_ALLOW_CIDRS`).
   */
  publicUrl: string;
  /** How long a delivery waits for the CLI's answer before it is answered 504. */
  responseTimeoutMs: number;
  /** Relay connections one organization may hold at once. */
  maxSessionsPerOrganization: number;
}

export const RELAY_OPTIONS = Symbol('RELAY_OPTIONS');

/** The temporary webhook's timeout: long enough for the relay to answer 504 itself first. */
export function relayWebhookTimeoutSeconds(options: RelayOptions): number {
  return Math.min(60, Math.ceil(options.responseTimeoutMs / 1000) + 5);
}
