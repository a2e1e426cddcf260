import { eventually } from '@hookline/testing';
import { createOrganization, startPlatform, type Organization, type Platform } from './support/platform';

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** Rate limits and security headers, as a client behind a load balancer sees them. */
describe('API protection: rate limits and security headers', () => {
  let platform: Platform;
  let acme: Organization;
  let webhookId: string;

  const request = async (
    url: string,
    options: { method?: string; token?: string; from?: string; proto?: string; body?: unknown } = {},
  ): Promise<Answer> => {
    const response = await fetch(url, {
      method: options.method ?? 'GET',
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.from ? { 'x-forwarded-for': options.from } : {}),
        ...(options.proto ? { 'x-forwarded-proto': options.proto } : {}),
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : {} };
  };
  const subscription = (path: string) => `${platform.subscription.baseUrl}${path}`;
  const issueKey = async (): Promise<string> => {
    const issued = await request(subscription(`/v1/organizations/${acme.id}/api-keys`), {
      method: 'POST',
      token: platform.adminToken,
      body: { name: 'extra' },
    });
    expect(issued.status).toBe(201);
    return issued.body.key as string;
  };
  const expectRateLimited = (answer: Answer) => {
    expect(answer.status).toBe(429);
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(answer.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
  };

  beforeAll(async () => {
    platform = await startPlatform({
      TRUST_PROXY_HOPS: '1',
      RATE_LIMIT_PER_KEY_PER_SECOND: '10',
      RATE_LIMIT_PER_IP_PER_SECOND: '25',
      RATE_LIMIT_AUTH_FAILURES_PER_IP_PER_MINUTE: '10',
    });
    acme = await createOrganization(platform, 'Protected Acme');
    const created = await request(subscription('/v1/webhooks'), {
      method: 'POST',
      token: acme.apiKey.key,
      from: '192.0.2.1',
      body: { name: 'protected', url: 'https://hooks.example.com/in', events: ['job.created'] },
    });
    expect(created.status).toBe(201);
    webhookId = created.body.id as string;
  });

  afterAll(async () => {
    await platform?.stop();
  });

  describe('security headers', () => {
    it('answers nosniff and no-store everywhere, the routes that return a secret included', async () => {
      const token = acme.apiKey.key;
      const answers = [
        await request(subscription(`/v1/webhooks/${webhookId}/secret`), { token, from: '192.0.2.2' }),
        await request(subscription(`/v1/webhooks/${webhookId}/secret/rotate`), {
          method: 'POST',
          token,
          from: '192.0.2.2',
          body: {},
        }),
        await request(subscription('/v1/webhooks'), {
          method: 'POST',
          token,
          from: '192.0.2.2',
          body: { name: 'another', url: 'https://hooks.example.com/b', events: ['job.created'] },
        }),
        await request(`${platform.ingest.baseUrl}/v1/events`, {
          method: 'POST',
          body: {},
          from: '192.0.2.2',
        }),
        await request(`${platform.audit.baseUrl}/v1/stats`, { from: '192.0.2.2' }),
      ];
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 201, 401, 401]);
      for (const answer of answers) {
        expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
        expect(answer.headers.get('cache-control')).toBe('no-store');
      }
    });

    it('sends HSTS only on requests that arrived over TLS', async () => {
      const overTls = await request(subscription('/health/live'), { proto: 'https' });
      const plain = await request(subscription('/health/live'));
      expect(overTls.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      expect(plain.headers.get('strict-transport-security')).toBeNull();
    });
  });

  describe('rate limits', () => {
    it('limits one API key, whatever address it comes from, and not the others', async () => {
      const busy = await issueKey();
      const calm = await issueKey();
      const startedAt = Date.now();
      const answers = await Promise.all(
        Array.from({ length: 60 }, (_, index) =>
          request(subscription('/v1/webhooks'), { token: busy, from: `198.51.100.${index + 1}` }),
        ),
      );
      // The bucket holds 10 and refills 10 a second: on a busy machine the 60 requests take longer
      // to arrive, and what refilled meanwhile may pass too, but no more.
      const refilled = Math.ceil(((Date.now() - startedAt) / 1000) * 10);
      expect(answers.filter((answer) => answer.status === 200).length).toBeLessThanOrEqual(10 + refilled);
      expectRateLimited(answers.find((answer) => answer.status !== 200) as Answer);
      expect(
        (await request(subscription('/v1/webhooks'), { token: calm, from: '198.51.100.99' })).status,
      ).toBe(200);
    });

    it('limits one address across keys', async () => {
      // Seven requests per key stay under the key limit (10); 56 from one address pass its limit (25).
      const keys = await Promise.all(Array.from({ length: 8 }, () => issueKey()));
      const answers = await Promise.all(
        Array.from({ length: 56 }, (_, index) =>
          request(subscription('/v1/event-types'), { token: keys[index % 8], from: '203.0.113.5' }),
        ),
      );
      const refused = answers.filter((answer) => answer.status !== 200);
      expect(refused.length).toBeGreaterThan(0);
      expectRateLimited(refused[0]);
      expect(refused[0].body.message).toMatch(/^too many requests from your address; retry after \d+ s$/);
    });

    it('locks out an address that keeps presenting bad keys, with Retry-After, then lets it back', async () => {
      const attacker = '203.0.113.66';
      const answers: Answer[] = [];
      for (let attempt = 0; attempt < 20; attempt += 1) {
        answers.push(
          await request(subscription('/v1/webhooks'), { token: `hk_guess${attempt}`, from: attacker }),
        );
      }
      expect(answers.slice(0, 10).map((answer) => answer.status)).toEqual(Array(10).fill(401));
      expectRateLimited(answers[19]);
      // While locked out even a good key is refused from there; elsewhere it works.
      expectRateLimited(
        await request(subscription('/v1/webhooks'), { token: acme.apiKey.key, from: attacker }),
      );
      expect(
        (await request(subscription('/v1/webhooks'), { token: acme.apiKey.key, from: '192.0.2.9' })).status,
      ).toBe(200);
      await eventually(
        async () =>
          expect(
            (await request(subscription('/v1/webhooks'), { token: acme.apiKey.key, from: attacker })).status,
          ).toBe(200),
        { timeoutMs: 15_000, intervalMs: 500 },
      );
    });
  });
});
