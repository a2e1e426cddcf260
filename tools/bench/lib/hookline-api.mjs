// The public HTTP APIs the bench drives: organizations and webhooks (setup), ingest (load), the log history.
import { Pool } from 'undici';

async function call(method, url, { token, body, expect }) {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  if (expect && !expect.includes(response.status)) {
    throw new Error(`${method} ${url} answered ${response.status}: ${text.slice(0, 500)}`);
  }
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

export class HooklineApi {
  constructor({ subscriptionUrl, ingestUrl, auditUrl, adminToken, serviceToken, ingestConnections = 64 }) {
    Object.assign(this, { subscriptionUrl, ingestUrl, auditUrl, adminToken, serviceToken });
    this.ingestPool = new Pool(ingestUrl, {
      connections: ingestConnections,
      pipelining: 1,
      keepAliveTimeout: 30_000,
    });
    this.auditPool = new Pool(auditUrl, { connections: 4, keepAliveTimeout: 30_000 });
  }

  async createOrganization(name) {
    const { body } = await call('POST', `${this.subscriptionUrl}/v1/organizations`, {
      token: this.adminToken,
      body: { name },
      expect: [201],
    });
    return { id: body.id, apiKey: body.apiKey.key };
  }

  async createWebhook(apiKey, { name, url, events }) {
    const { body } = await call('POST', `${this.subscriptionUrl}/v1/webhooks`, {
      token: apiKey,
      body: { name, url, events, active: true },
      expect: [201],
    });
    return { id: body.id, signingSecret: body.signingSecret };
  }

  /** Starts a backfill of the webhook (202); resolves the backfill as the API shows it. */
  async startBackfill(apiKey, webhookId, request) {
    const { body } = await call('POST', `${this.subscriptionUrl}/v1/webhooks/${webhookId}/backfill`, {
      token: apiKey,
      body: request,
      expect: [202],
    });
    return body;
  }

  async getBackfill(apiKey, webhookId, backfillId) {
    const { body } = await call(
      'GET',
      `${this.subscriptionUrl}/v1/webhooks/${webhookId}/backfills/${backfillId}`,
      {
        token: apiKey,
        expect: [200],
      },
    );
    return body;
  }

  deleteWebhook(apiKey, id) {
    return call('DELETE', `${this.subscriptionUrl}/v1/webhooks/${id}`, { token: apiKey, expect: [204, 404] });
  }

  /** One event; resolves `{status, id}` once the response is read (the 202 means Kafka acknowledged it). */
  async ingestOne(event) {
    const { statusCode, body } = await this.ingestPool.request({
      method: 'POST',
      path: '/v1/events',
      headers: { authorization: `Bearer ${this.serviceToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(event),
      headersTimeout: 30_000,
      bodyTimeout: 30_000,
    });
    const parsed = await body.json().catch(() => null);
    return { status: statusCode, id: parsed?.id ?? null, error: statusCode === 202 ? null : parsed };
  }

  async ingestBatch(events) {
    const { statusCode, body } = await this.ingestPool.request({
      method: 'POST',
      path: '/v1/events/batch',
      headers: { authorization: `Bearer ${this.serviceToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events }),
      headersTimeout: 60_000,
      bodyTimeout: 60_000,
    });
    const parsed = await body.json().catch(() => null);
    return { status: statusCode, ids: parsed?.ids ?? [], error: statusCode === 202 ? null : parsed };
  }

  async listDeliveries(apiKey, webhookId, query) {
    const { statusCode, body } = await this.auditPool.request({
      method: 'GET',
      path: `/v1/webhooks/${webhookId}/deliveries?${new URLSearchParams(query)}`,
      headers: { authorization: `Bearer ${apiKey}` },
      headersTimeout: 30_000,
      bodyTimeout: 30_000,
    });
    return { status: statusCode, body: await body.json().catch(() => null) };
  }

  async close() {
    await Promise.allSettled([this.ingestPool.close(), this.auditPool.close()]);
  }
}
