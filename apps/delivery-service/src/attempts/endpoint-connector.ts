import type { buildConnector } from 'undici';
import { createTunnelingConnector, type EgressPolicy, type EgressProxy } from '@hookline/security';
import { keepTlsAlertAsCause } from './tls-alert-cause';
import type { EndpointTlsMaterial } from './webhook-credentials.service';

export const CONNECT_TIMEOUT_MS = 10_000;

/**
 * How delivery connects to an endpoint: through the egress proxy when one is configured, else
 * directly, the egress guard checking the destination either way; with the webhook's client
 * certificate and CA when it has them. Certificate verification is never turned off.
 */
export function createEndpointConnector(
  policy: EgressPolicy,
  proxy: EgressProxy | null,
  material: EndpointTlsMaterial | null,
): buildConnector.connector {
  const tls = material === null ? {} : tlsOptionsOf(material);
  const connect =
    proxy === null
      ? policy.createGuardedConnector({ timeout: CONNECT_TIMEOUT_MS, ...tls })
      : createTunnelingConnector(policy, proxy, { timeout: CONNECT_TIMEOUT_MS, tls });
  return (target, callback) => {
    connect(target, (...result) => {
      const [, socket] = result;
      // undici's own connector leaves the socket out (undefined) when it fails.
      if (socket) {
        keepTlsAlertAsCause(socket);
      }
      callback(...result);
    });
  };
}

function tlsOptionsOf({ cert, key, ca }: EndpointTlsMaterial): { cert?: string; key?: string; ca?: string } {
  return {
    ...(cert === null ? {} : { cert }),
    ...(key === null ? {} : { key }),
    // A CA bundle replaces the public roots: the endpoint's certificate must chain to it.
    ...(ca === null ? {} : { ca }),
  };
}
