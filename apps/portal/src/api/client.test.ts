import { ApiError } from './api-error';
import { createApiClient } from './client';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('createApiClient', () => {
  const requests: Array<{ url: string; init: RequestInit | undefined }> = [];
  const client = (answer: () => Response | Promise<Response>, onUnauthorized = (_: ApiError) => undefined) =>
    createApiClient({
      subscriptionUrl: '',
      auditUrl: 'https://audit.example.com',
      token: 'hlps_token',
      onUnauthorized,
      fetchImpl: async (input, init) => {
        requests.push({ url: input as string, init });
        return answer();
      },
    });

  beforeEach(() => (requests.length = 0));

  it('sends the token to the right service and leaves empty filters out of the query', async () => {
    const api = client(() => json(200, { items: [], nextCursor: null }));
    await api.listDeliveries('wh 1', { status: 'failed', eventType: undefined }, 'c1');
    expect(requests[0].url).toBe(
      'https://audit.example.com/v1/webhooks/wh%201/deliveries?status=failed&cursor=c1&limit=20',
    );
    expect(new Headers(requests[0].init?.headers).get('authorization')).toBe('Bearer hlps_token');
    await api.updateWebhook('wh_1', { active: true });
    expect(requests[1]).toMatchObject({
      url: '/v1/webhooks/wh_1',
      init: { method: 'PATCH', body: '{"active":true}' },
    });
  });

  it('turns an error answer into an ApiError with its problems', async () => {
    const api = client(() =>
      json(400, {
        statusCode: 400,
        message: 'url must use https; name must not be blank',
        details: ['url must use https', 'name must not be blank'],
      }),
    );
    const error = await api.createWebhook({} as never).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).fieldErrors(['url', 'name'])).toEqual({
      url: ['url must use https'],
      name: ['name must not be blank'],
    });
  });

  it('reports every 401 so the portal can end the session', async () => {
    const ended: string[] = [];
    const api = client(
      () => json(401, { message: 'portal session expired at 2026-12-01T10:00:00.000Z' }),
      (error) => {
        ended.push(error.message);
      },
    );
    await expect(api.listWebhooks()).rejects.toMatchObject({ status: 401 });
    expect(ended).toEqual(['portal session expired at 2026-12-01T10:00:00.000Z']);
  });

  it('calls a request that got no answer a network error', async () => {
    const api = client(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(api.getWebhook('wh_1')).rejects.toMatchObject({ status: 0, isNetwork: true });
  });
});
