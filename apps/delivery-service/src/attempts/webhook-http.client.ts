import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Agent, request } from 'undici';
import { RESPONSE_BODY_LIMIT_BYTES } from '@hookline/contracts';
import { EgressPolicy } from '@hookline/security';
import { describeError } from './classify-outcome';
import { readLimitedBody } from './read-limited-body';

export interface WebhookResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  bodyTruncated: boolean;
  /** Set when the status arrived but reading the body failed (e.g. the deadline passed mid-body). */
  bodyError: string | null;
}

const CONNECT_TIMEOUT_MS = 10_000;
const CONNECTIONS_PER_ORIGIN = 64;

/**
 * The one HTTP client for customer endpoints: a shared keep-alive agent whose connector enforces the
 * egress policy after DNS. Redirects are never followed; a 3xx comes back as a response.
 */
@Injectable()
export class WebhookHttpClient implements OnApplicationShutdown {
  private readonly agent: Agent;

  constructor(policy: EgressPolicy) {
    this.agent = new Agent({
      connect: policy.createGuardedConnector({ timeout: CONNECT_TIMEOUT_MS }),
      connections: CONNECTIONS_PER_ORIGIN,
      pipelining: 1,
      keepAliveTimeout: 4_000,
      keepAliveMaxTimeout: 30_000,
    });
  }

  /** Rejects only when no response status arrived (connect, TLS, timeout, reset…). */
  async post(
    url: string,
    headers: Record<string, string>,
    body: Buffer,
    timeoutMs: number,
  ): Promise<WebhookResponse> {
    // headers/body timeouts bound idle gaps; the signal bounds the whole exchange, slow-drip bodies included.
    const response = await request(url, {
      method: 'POST',
      headers,
      body,
      dispatcher: this.agent,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const responseHeaders = flattenHeaders(response.headers);
    try {
      const { text, truncated } = await readLimitedBody(response.body, RESPONSE_BODY_LIMIT_BYTES);
      return {
        status: response.statusCode,
        headers: responseHeaders,
        body: text,
        bodyTruncated: truncated,
        bodyError: null,
      };
    } catch (error) {
      response.body.destroy();
      return {
        status: response.statusCode,
        headers: responseHeaders,
        body: '',
        bodyTruncated: false,
        bodyError: describeError(error),
      };
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.agent.close();
  }
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) {
      flat[name] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return flat;
}
