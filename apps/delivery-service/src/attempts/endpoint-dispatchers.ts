import type { OnApplicationShutdown } from '@nestjs/common';
import { Agent } from 'undici';
import { EgressPolicy, parseEgressProxyUrl, type EgressProxy } from '@hookline/security';
import { DeliveryEnv } from '../config/delivery.env';
import { BoundedCache } from './bounded-cache';
import { createEndpointConnector } from './endpoint-connector';
import type { EndpointTlsMaterial } from './webhook-credentials.service';

/** The endpoint an attempt goes to, as far as choosing its connections goes. */
export interface EndpointRef {
  webhookId: string;
  version: number;
  tls: EndpointTlsMaterial | null;
}

const CONNECTIONS_PER_ORIGIN = 64;
/** Webhooks with their own TLS material whose agents (and idle connections) are kept. */
export const TLS_AGENT_CAPACITY = 200;

/**
 * Keep-alive agents for customer endpoints: one shared by every webhook without TLS settings, and
 * one per webhook with a client certificate or CA (its connections must not serve another), for
 * its current version only, the least recently used closed past `TLS_AGENT_CAPACITY`. Built by a
 * factory provider (the capacity is not injected).
 */
export class EndpointDispatchers implements OnApplicationShutdown {
  readonly proxy: EgressProxy | null;
  private readonly shared: Agent;
  private readonly own: BoundedCache<string, { version: number; agent: Agent }>;

  constructor(
    private readonly policy: EgressPolicy,
    config: Pick<DeliveryEnv, 'DELIVERY_EGRESS_PROXY_URL'>,
    capacity = TLS_AGENT_CAPACITY,
  ) {
    this.proxy =
      config.DELIVERY_EGRESS_PROXY_URL === '' ? null : parseEgressProxyUrl(config.DELIVERY_EGRESS_PROXY_URL);
    this.shared = this.agentFor(null);
    this.own = new BoundedCache(capacity, ({ agent }) => void closeQuietly(agent));
  }

  /** Agents held for webhooks with TLS settings. */
  get ownAgents(): number {
    return this.own.size;
  }

  dispatcherFor({ webhookId, version, tls }: EndpointRef): Agent {
    if (tls === null) {
      return this.shared;
    }
    const held = this.own.get(webhookId);
    if (held?.version === version) {
      return held.agent;
    }
    // A new version may carry another certificate: the old agent finishes its requests and closes.
    if (held !== undefined) {
      void closeQuietly(held.agent);
    }
    const agent = this.agentFor(tls);
    this.own.set(webhookId, { version, agent });
    return agent;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.shared.close(), ...[...this.own.values()].map(({ agent }) => agent.close())]);
  }

  private agentFor(tls: EndpointTlsMaterial | null): Agent {
    return new Agent({
      connect: createEndpointConnector(this.policy, this.proxy, tls),
      connections: CONNECTIONS_PER_ORIGIN,
      pipelining: 1,
      keepAliveTimeout: 4_000,
      keepAliveMaxTimeout: 30_000,
    });
  }
}

/** Lets in-flight requests finish; the agent is already out of use, so a failure to close changes nothing. */
async function closeQuietly(agent: Agent): Promise<void> {
  await agent.close().catch(() => undefined);
}
