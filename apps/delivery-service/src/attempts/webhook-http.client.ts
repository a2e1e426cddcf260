import { Injectable } from '@nestjs/common';
import { request } from 'undici';
import { RESPONSE_BODY_LIMIT_BYTES } from '@hookline/contracts';
import { describeError } from './classify-outcome';
import { EndpointDispatchers, type EndpointRef } from './endpoint-dispatchers';
import { readLimitedBody } from '../common/read-limited-body';

export interface WebhookResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  bodyTruncated: boolean;
  /** Set when the status arrived but reading the body failed (e.g. the deadline passed mid-body). */
  bodyError: string | null;
}

/**
 * The one HTTP client for customer endpoints, over keep-alive agents whose connectors enforce the
 * egress policy after DNS (`EndpointDispatchers`). Redirects are never followed; a 3xx comes back
 * as a response.
 */
@Injectable()
export class WebhookHttpClient {
  constructor(private readonly dispatchers: EndpointDispatchers) {}

  /** Rejects only when no response status arrived (connect, TLS, timeout, reset…). */
  async post(
    url: string,
    headers: Record<string, string>,
    body: Buffer,
    timeoutMs: number,
    endpoint: EndpointRef,
  ): Promise<WebhookResponse> {
    // headers/body timeouts bound idle gaps; the signal bounds the whole exchange, slow-drip bodies included.
    const response = await request(url, {
      method: 'POST',
      headers,
      body,
      dispatcher: this.dispatchers.dispatcherFor(endpoint),
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
