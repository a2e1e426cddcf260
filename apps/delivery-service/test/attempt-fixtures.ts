import { Registry } from 'prom-client';
import { deliveryIdFor, type EventEnvelope, type WebhookState } from '@hookline/contracts';
import { EgressPolicy, type SecretBox } from '@hookline/security';
import { AttemptDelivery, type AttemptInput } from '../src/attempts/attempt-delivery';
import type { EndpointDispatchers } from '../src/attempts/endpoint-dispatchers';
import { serializePayload } from '../src/attempts/serialize-payload';
import { WebhookCredentialsService } from '../src/attempts/webhook-credentials.service';
import { WebhookHttpClient } from '../src/attempts/webhook-http.client';
import type { DeliveryEnv } from '../src/config/delivery.env';
import { DeliveryMetrics } from '../src/metrics/delivery.metrics';
import type { OAuth2TokenClient } from '../src/oauth2/oauth2-token.client';
import { OAuth2TokenService } from '../src/oauth2/oauth2-token.service';
import { jobCreatedEvent } from './fixtures';

/** An egress policy that lets requests reach loopback, where the tests' servers listen. */
export const loopbackEgressPolicy = (): EgressPolicy =>
  new EgressPolicy({ allowInsecureUrls: true, allowCidrs: ['127.0.0.0/8', '::1/128'] });

/** Attempt 1 of delivering `event` to the webhook `state`. */
export function firstAttemptInput(
  state: WebhookState,
  event: EventEnvelope = jobCreatedEvent(),
): AttemptInput {
  return {
    deliveryId: deliveryIdFor(event.id, state.id),
    attempt: 1,
    event,
    webhook: state,
    payload: serializePayload(event),
  };
}

export interface AttemptDeliveryParts {
  /** Opens the webhook secrets and headers. */
  box: SecretBox;
  /** Sends the requests to endpoints. */
  agents: EndpointDispatchers;
  /** Fetches OAuth2 tokens. */
  tokens: OAuth2TokenClient;
  /** Checks the webhook URLs before an attempt. */
  policy: EgressPolicy;
  config: DeliveryEnv;
}

/** An AttemptDelivery over real HTTP clients, with metrics of its own registry. */
export function attemptDeliveryOf({
  box,
  agents,
  tokens,
  policy,
  config,
}: AttemptDeliveryParts): AttemptDelivery {
  return new AttemptDelivery(
    new WebhookCredentialsService(box),
    new WebhookHttpClient(agents),
    new OAuth2TokenService(tokens, config),
    policy,
    new DeliveryMetrics(new Registry()),
    config,
  );
}
