import { TestReceiver, eventually, type ReceivedRequest, type ReplyPolicy } from '@hookline/testing';
import { call } from './support/api-client';
import { arrivalOf } from './support/arrivals';
import { loggedDelivery, type LoggedAttempt } from './support/delivery-log';
import { useStage } from './support/stage';

const CLIENT_ID = 'hookline-e2e';
const CLIENT_SECRET = 'cs_e2e_never-in-a-log';

/**
 * OAuth2 client credentials through the whole stack: a loopback token endpoint issues short-lived
 * tokens, and the receiver accepts only tokens it issued that have not expired or been revoked.
 */
describe('OAuth2 client credentials through the whole stack', () => {
  let tokenServer: TestReceiver;
  let webhookId: string;
  /** `expires_in` of the tokens issued from now on. */
  let lifetimeSeconds = 3_600;
  const issued = new Map<string, { expiresAtMs: number; lifetimeSeconds: number }>();
  const revoked = new Set<string>();
  /** Requests the receiver answered 401. */
  let refusals = 0;

  const basicCredentials = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;
  const issuing: ReplyPolicy = (request, index) => {
    if (
      request.headers.authorization !== basicCredentials ||
      !request.body.includes('grant_type=client_credentials')
    ) {
      return { status: 401, body: JSON.stringify({ error: 'invalid_client' }) };
    }
    const accessToken = `tok_${index}_${Date.now()}`;
    issued.set(accessToken, { expiresAtMs: Date.now() + lifetimeSeconds * 1000, lifetimeSeconds });
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ access_token: accessToken, token_type: 'Bearer', expires_in: lifetimeSeconds }),
    };
  };
  const tokenOf = (request: ReceivedRequest): string =>
    String(request.headers.authorization).replace(/^Bearer /, '');
  const isValid = (token: string): boolean => {
    const grant = issued.get(token);
    return grant !== undefined && grant.expiresAtMs > Date.now() && !revoked.has(token);
  };
  beforeAll(async () => {
    tokenServer = await TestReceiver.start(issuing);
  });
  const stage = useStage('OAuth2 Deliveries', {
    reply: (request) => {
      if (isValid(tokenOf(request))) {
        return { status: 200, body: 'ok' };
      }
      refusals += 1;
      return { status: 401, body: 'invalid token' };
    },
  });
  afterAll(async () => {
    await tokenServer?.stop();
  });

  const publish = (subject: string) => stage.publish(subject);
  const requestsFor = (eventId: string) =>
    stage.receiver.requestsTo('/jobs').filter((request) => request.headers['webhook-id'] === eventId);

  const attemptsOf = async (eventId: string, holds: (attempts: LoggedAttempt[]) => void) =>
    (
      await loggedDelivery(stage.platform, stage.key, { webhookId, eventId }, ({ attempts }) =>
        holds(attempts),
      )
    ).attempts;

  beforeAll(async () => {
    ({ id: webhookId } = await stage.routedWebhookAt('/jobs', {
      name: 'oauth2',
      auth: {
        type: 'oauth2',
        tokenUrl: `${tokenServer.url}/oauth/token`,
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        scope: 'webhooks:receive',
      },
    }));
  });

  it('sends the endpoint a token the token endpoint issued to the webhook’s client', async () => {
    const arrival = await arrivalOf(stage.receiver, await publish('job_valid'), {
      path: '/jobs',
      timeoutMs: 30_000,
    });

    expect(arrival.headers.authorization).toMatch(/^Bearer tok_/);
    expect(isValid(tokenOf(arrival))).toBe(true);
    expect(tokenServer.requests[0]).toMatchObject({
      method: 'POST',
      path: '/oauth/token',
      body: 'grant_type=client_credentials&scope=webhooks%3Areceive',
    });
    expect(tokenServer.requests[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('reuses a token while it is valid, and fetches a new one before it expires', async () => {
    const before = tokenServer.requests.length;
    const first = await arrivalOf(stage.receiver, await publish('job_reuse_1'), {
      path: '/jobs',
      timeoutMs: 30_000,
    });
    const second = await arrivalOf(stage.receiver, await publish('job_reuse_2'), {
      path: '/jobs',
      timeoutMs: 30_000,
    });
    expect(tokenOf(second)).toBe(tokenOf(first));
    expect(tokenServer.requests.length).toBe(before);

    // Revoke the long-lived token so the next one is fetched now, with a lifetime of 2 s.
    lifetimeSeconds = 2;
    revoked.add(tokenOf(second));
    const shortEventId = await publish('job_short');
    const shortLived = tokenOf(
      await eventually(
        () => {
          const [, retried] = requestsFor(shortEventId);
          expect(retried).toBeDefined();
          return retried;
        },
        { timeoutMs: 30_000 },
      ),
    );
    expect(issued.get(shortLived)).toBeDefined();
    const refusalsBefore = refusals;

    // Used for half its life (1 s), then replaced before the endpoint ever sees it expired.
    const replacement = await eventually(
      async () => {
        const arrival = await arrivalOf(stage.receiver, await publish('job_expiry'), {
          path: '/jobs',
          timeoutMs: 10_000,
        });
        expect(tokenOf(arrival)).not.toBe(shortLived);
        return arrival;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect(isValid(tokenOf(replacement))).toBe(true);
    expect(requestsFor(String(replacement.headers['webhook-id']))).toHaveLength(1);
    expect(refusals).toBe(refusalsBefore);

    // Back to long-lived tokens, once the short-lived one in use has been replaced by one.
    lifetimeSeconds = 3_600;
    await eventually(
      async () => {
        const arrival = await arrivalOf(stage.receiver, await publish('job_long'), {
          path: '/jobs',
          timeoutMs: 10_000,
        });
        expect(issued.get(tokenOf(arrival))?.lifetimeSeconds).toBe(3_600);
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  });

  it('on a 401 fetches one new token and sends the attempt again with it', async () => {
    const current = tokenOf(
      await arrivalOf(stage.receiver, await publish('job_before_revoke'), {
        path: '/jobs',
        timeoutMs: 30_000,
      }),
    );
    revoked.add(current);
    const tokenRequestsBefore = tokenServer.requests.length;

    const eventId = await publish('job_revoked');
    const [refused, retried] = await eventually(
      () => {
        const requests = requestsFor(eventId);
        expect(requests).toHaveLength(2);
        return requests;
      },
      { timeoutMs: 30_000 },
    );

    expect(tokenOf(refused)).toBe(current);
    expect(tokenOf(retried)).not.toBe(current);
    expect(isValid(tokenOf(retried))).toBe(true);
    expect(retried.headers['hookline-attempt-id']).toBe(refused.headers['hookline-attempt-id']);
    expect(tokenServer.requests.length).toBe(tokenRequestsBefore + 1);
    const attempts = await attemptsOf(eventId, (logged) =>
      expect(logged.map((attempt) => attempt.outcome)).toEqual(['success']),
    );
    expect(attempts[0].requestHeaders.authorization).toBe('[redacted]');
  });

  it('logs a token endpoint that gives no token as auth_failed, saying what it answered', async () => {
    tokenServer.respondWith(() => ({
      status: 503,
      body: JSON.stringify({ error: 'temporarily_unavailable', error_description: 'maintenance' }),
    }));
    // A new client secret: delivery must fetch a token for it, from the failing endpoint.
    const patched = await call('PATCH', `${stage.platform.subscription.baseUrl}/v1/webhooks/${webhookId}`, {
      token: stage.key,
      body: {
        auth: {
          type: 'oauth2',
          tokenUrl: `${tokenServer.url}/oauth/token`,
          clientId: CLIENT_ID,
          clientSecret: `${CLIENT_SECRET}-2`,
        },
      },
    });
    expect(patched.status).toBe(200);

    const failed = await eventually(
      async () => {
        const eventId = await publish('job_no_token');
        const attempts = await attemptsOf(eventId, (logged) => expect(logged).toHaveLength(1));
        expect(attempts[0].outcome).toBe('auth_failed');
        return { eventId, attempt: attempts[0] };
      },
      { timeoutMs: 60_000, intervalMs: 0 },
    );

    expect(failed.attempt).toMatchObject({
      responseStatus: null,
      error: 'not sent: no access token: token endpoint answered 503 (temporarily_unavailable: maintenance)',
    });
    expect(JSON.stringify(failed.attempt)).not.toContain(CLIENT_SECRET);
    expect(requestsFor(failed.eventId)).toHaveLength(0);
  });
});
