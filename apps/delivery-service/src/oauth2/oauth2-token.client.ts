import type { SecureContextOptions } from 'node:tls';
import { Inject, Injectable, Optional, type OnApplicationShutdown } from '@nestjs/common';
import { Agent, request } from 'undici';
import { EgressPolicy, createTunnelingConnector, parseEgressProxyUrl } from '@hookline/security';
import { readLimitedBody } from '../common/read-limited-body';
import { DeliveryEnv } from '../config/delivery.env';
import type { OAuth2Client } from './oauth2-client';
import { parseTokenResponse, type IssuedToken } from './parse-token-response';
import { TokenEndpointError } from './token-endpoint.error';
import { buildTokenRequest } from './token-request';

/** A token request's whole exchange, connect included. */
export const TOKEN_REQUEST_TIMEOUT_MS = 10_000;
/** Longest token response read; a token endpoint's answer is a few hundred bytes. */
export const TOKEN_RESPONSE_LIMIT_BYTES = 64 * 1024;

/** Certificate authorities trusted instead of the system's (a test's own); not provided in production. */
export const TOKEN_ENDPOINT_CA = Symbol('TOKEN_ENDPOINT_CA');

/**
 * Calls token endpoints through its own keep-alive agent, connected the way endpoints are: the
 * egress policy checked after DNS, through the egress proxy when one is configured (a token endpoint
 * that allow-lists the platform's egress addresses sees the same ones), and redirects never followed.
 */
@Injectable()
export class OAuth2TokenClient implements OnApplicationShutdown {
  private readonly agent: Agent;

  constructor(
    policy: EgressPolicy,
    config: DeliveryEnv,
    @Optional() @Inject(TOKEN_ENDPOINT_CA) ca: SecureContextOptions['ca'] | null = null,
  ) {
    const tls = ca === null ? {} : { ca };
    const proxyUrl = config.DELIVERY_EGRESS_PROXY_URL;
    this.agent = new Agent({
      connect:
        proxyUrl === ''
          ? policy.createGuardedConnector({ timeout: TOKEN_REQUEST_TIMEOUT_MS, ...tls })
          : createTunnelingConnector(policy, parseEgressProxyUrl(proxyUrl), {
              timeout: TOKEN_REQUEST_TIMEOUT_MS,
              tls,
            }),
      connections: 8,
      pipelining: 1,
      keepAliveTimeout: 4_000,
    });
  }

  /** Rejects with a `TokenEndpointError` that says what the endpoint did, or the transport's error. */
  async fetchToken(client: OAuth2Client, userAgent: string): Promise<IssuedToken> {
    const { headers, body } = buildTokenRequest(client, userAgent);
    const response = await request(client.tokenUrl, {
      method: 'POST',
      headers,
      body,
      dispatcher: this.agent,
      headersTimeout: TOKEN_REQUEST_TIMEOUT_MS,
      bodyTimeout: TOKEN_REQUEST_TIMEOUT_MS,
      signal: AbortSignal.timeout(TOKEN_REQUEST_TIMEOUT_MS),
    });
    const { text, truncated } = await readLimitedBody(response.body, TOKEN_RESPONSE_LIMIT_BYTES);
    if (truncated) {
      throw new TokenEndpointError(
        `token endpoint answered ${response.statusCode} with more than ${TOKEN_RESPONSE_LIMIT_BYTES} bytes`,
      );
    }
    return parseTokenResponse(response.statusCode, text, client.clientSecret);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.agent.close();
  }
}
