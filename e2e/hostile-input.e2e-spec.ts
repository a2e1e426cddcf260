import { findEventType } from '@hookline/contracts';
import { eventually } from '@hookline/testing';
import { call, type ApiResponse } from './support/api-client';
import { createWebhook } from './support/platform';
import { useStage } from './support/stage';

interface ErrorBody {
  statusCode: number;
  message: string;
}

/** Inputs an attacker or a careless client sends: each is a 4xx naming the field, never a 500. */
describe('hostile input at the HTTP edge of every service', () => {
  const stage = useStage('Hostile Acme');
  let webhookId: string;

  const subscription = (path: string) => stage.url('subscription', path);
  const ingest = (path: string) => stage.url('ingest', path);
  const audit = (path: string) => stage.url('audit', path);
  const validWebhook = { name: 'hostile', url: 'https://hooks.example.com/in', events: ['job.created'] };
  const jobCreated = (extra: Record<string, unknown> = {}) => ({
    type: 'job.created',
    subject: 'job_1',
    data: findEventType('job.created')?.example,
    ...extra,
  });

  const withCity = (city: string) => {
    const example = findEventType('job.created')?.example as { address: object };
    return { ...example, address: { ...example.address, city } };
  };

  const expectRefusal = (response: ApiResponse<unknown>, status: number, message: RegExp) => {
    expect({ status: response.status, message: (response.body as ErrorBody).message }).toEqual({
      status,
      message: expect.stringMatching(message) as string,
    });
  };

  beforeAll(async () => {
    webhookId = (await createWebhook(stage.platform, stage.key, validWebhook)).id;
    // The key reaches ingest and audit over hookline.api-keys.v1.
    await eventually(async () => {
      const probes = await Promise.all([
        call('POST', ingest('/v1/events'), { token: stage.key, body: {} }),
        call('GET', audit('/v1/stats'), { token: stage.key }),
      ]);
      expect(probes.map((probe) => probe.status)).not.toContain(401);
    });
  });

  describe('strings Postgres cannot store and reserved keys (NUL, lone surrogates, __proto__)', () => {
    it.each([
      ['data', { data: withCity('Aus\u0000tin') }, /^data\.address\.city must not contain the NUL/],
      ['subject', { subject: 'job\u0000' }, /^subject must not contain the NUL/],
      [
        'a lone surrogate in subject',
        { subject: 'job\uD800' },
        /^subject must not contain a lone UTF-16 surrogate/,
      ],
      ['idempotencyKey', { idempotencyKey: 'k\u0000' }, /^idempotencyKey must not contain the NUL/],
    ])('POST /v1/events refuses %s', async (_field, extra, message) => {
      expectRefusal(
        await call('POST', ingest('/v1/events'), { token: stage.key, body: jobCreated(extra) }),
        400,
        message,
      );
    });

    it('POST /v1/events/batch names the event', async () => {
      const response = await call('POST', ingest('/v1/events/batch'), {
        token: stage.key,
        body: { events: [jobCreated(), jobCreated({ subject: '\u0000' })] },
      });
      expectRefusal(response, 400, /^events\[1\]\.subject must not contain the NUL/);
    });

    it.each([
      ['name', { name: 'a\u0000' }, /^name must not contain the NUL/],
      ['description', { description: 'a\u0000' }, /^description must not contain the NUL/],
      ['url', { url: 'https://hooks.example.com/\u0000' }, /^url must not contain the NUL/],
      ['a metadata value', { metadata: { team: '\u0000' } }, /^metadata\.team must not contain the NUL/],
      ['a metadata key', { metadata: { 'te\u0000am': 'x' } }, /^metadata has a key that contains the NUL/],
      [
        'a header value',
        { headers: { 'X-Tenant': 'a\uDFFF' } },
        /^headers\.X-Tenant must not contain a lone/,
      ],
    ])('POST and PATCH /v1/webhooks refuse %s', async (_field, extra, message) => {
      const token = stage.key;
      expectRefusal(
        await call('POST', subscription('/v1/webhooks'), { token, body: { ...validWebhook, ...extra } }),
        400,
        message,
      );
      expectRefusal(
        await call('PATCH', subscription(`/v1/webhooks/${webhookId}`), { token, body: extra }),
        400,
        message,
      );
    });

    // Written as text: an object literal cannot hold a key named __proto__, and these keys are the point.
    it.each([
      [
        'POST /v1/events refuses a data key named constructor',
        () => ingest('/v1/events'),
        JSON.stringify(jobCreated()).replace('"data":{', '"data":{"constructor":{"x":1},'),
        /^data\.constructor is a reserved name/,
      ],
      [
        'POST /v1/webhooks refuses a metadata key named __proto__',
        () => subscription('/v1/webhooks'),
        JSON.stringify(validWebhook).replace('{', '{"metadata":{"__proto__":"x"},'),
        /^metadata\.__proto__ is a reserved name/,
      ],
      [
        'POST /v1/webhooks refuses a header named prototype',
        () => subscription('/v1/webhooks'),
        JSON.stringify(validWebhook).replace('{', '{"headers":{"prototype":"x"},'),
        /^headers\.prototype is a reserved name/,
      ],
    ])('%s', async (_name, url, rawBody, message) => {
      expectRefusal(await call('POST', url(), { token: stage.key, rawBody }), 400, message);
    });

    it('refuses organization and API key names', async () => {
      expectRefusal(
        await call('POST', subscription('/v1/organizations'), {
          token: stage.platform.adminToken,
          body: { name: 'x\u0000' },
        }),
        400,
        /^name must not contain the NUL/,
      );
      expectRefusal(
        await call('POST', subscription(`/v1/organizations/${stage.organization.id}/api-keys`), {
          token: stage.platform.adminToken,
          body: { name: 'x\u0000', scopes: ['webhooks:read'] },
        }),
        400,
        /^name must not contain the NUL/,
      );
    });

    it.each([
      ['subscription', () => subscription('/v1/webhooks/%00')],
      ['subscription', () => subscription('/v1/webhooks/%00/secret')],
      ['audit', () => audit('/v1/deliveries/%00')],
      ['audit', () => audit('/v1/webhooks/%00/deliveries')],
    ])('%s refuses a path parameter %s', async (_service, url) => {
      expectRefusal(
        await call('GET', url(), { token: stage.key }),
        400,
        /^path parameter id must not contain/,
      );
    });

    it('audit refuses a query parameter with NUL', async () => {
      expectRefusal(
        await call('GET', audit('/v1/stats?webhookId=a%00'), { token: stage.key }),
        400,
        /^query parameter webhookId must not contain the NUL/,
      );
    });
  });

  describe('nesting depth (at most 32 levels)', () => {
    const nested = (depth: number, leaf: unknown = 'x'): unknown => {
      let value = leaf;
      for (let level = 0; level < depth; level += 1) {
        value = { a: value };
      }
      return value;
    };

    it('POST /v1/events refuses data nested 3,000 deep', async () => {
      const response = await call('POST', ingest('/v1/events'), {
        token: stage.key,
        body: jobCreated({
          data: { ...(findEventType('job.created')?.example as object), extra: nested(3_000) },
        }),
      });
      expectRefusal(response, 400, /nests deeper than 32 levels/);
    });

    it('POST /v1/webhooks refuses metadata nested 5,000 deep', async () => {
      const response = await call('POST', subscription('/v1/webhooks'), {
        token: stage.key,
        rawBody: `{"name":"n","url":"https://hooks.example.com/","events":["job.created"],"metadata":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`,
      });
      expectRefusal(response, 400, /^metadata(\.a)+ nests deeper than 32 levels/);
    });

    it('audit refuses a deep body on its POST routes', async () => {
      const response = await call('POST', audit(`/v1/webhooks/${webhookId}/recover`), {
        token: stage.key,
        rawBody: `{"from":${'['.repeat(5_000)}${']'.repeat(5_000)}}`,
      });
      expectRefusal(response, 400, /nests deeper than 32 levels/);
    });
  });

  it.each(['auth', 'retryPolicy', 'signatureScheme'])(
    '[null] for %s is a 400 on POST and PATCH',
    async (field) => {
      const token = stage.key;
      const message = new RegExp(`^${field} must be an object$`);
      const body = { [field]: [null] };
      expectRefusal(
        await call('POST', subscription('/v1/webhooks'), { token, body: { ...validWebhook, ...body } }),
        400,
        message,
      );
      expectRefusal(
        await call('PATCH', subscription(`/v1/webhooks/${webhookId}`), { token, body }),
        400,
        message,
      );
    },
  );

  describe('dates and cursors out of range', () => {
    const farCursor = Buffer.from(JSON.stringify({ t: '+099999-01-01T00:00:00.000Z', i: 'dlv_a' })).toString(
      'base64url',
    );

    it.each([
      [
        'stats to',
        () => audit('/v1/stats?to=9999-12-31T23:59:59Z'),
        /^to must be at or before 9999-12-31T00:00:00.000Z/,
      ],
      [
        'stats from',
        () => audit('/v1/stats?from=9999-12-31T23:00:00Z&bucket=day'),
        /^from must be at or before 9999-12-31/,
      ],
      [
        'deliveries to',
        () => audit(`/v1/webhooks/${webhookId}/deliveries?to=9999-12-31T23:59:59.999Z`),
        /^to must be at or before/,
      ],
      [
        'a deliveries cursor',
        () => audit(`/v1/webhooks/${webhookId}/deliveries?cursor=${farCursor}`),
        /^cursor must be a nextCursor value/,
      ],
    ])('%s is a 400', async (_what, url, message) => {
      expectRefusal(await call('GET', url(), { token: stage.key }), 400, message);
    });

    it('recovery since far in the future is a 400', async () => {
      const response = await call('POST', audit(`/v1/webhooks/${webhookId}/recover`), {
        token: stage.key,
        body: { since: '9999-12-31T23:59:59Z' },
      });
      expect(response.status).toBe(400);
    });
  });
});
