import { RETRY_POLICY_LIMITS } from '@hookline/contracts';
import { validateBody } from '../../../test/validate-body';
import { WEBHOOK_LIMITS } from '../webhook-limits';
import { CreateWebhookDto } from './create-webhook.dto';
import { UpdateWebhookDto } from './update-webhook.dto';

const valid = { name: 'CRM sync', url: 'https://hooks.example.com/hookline', events: ['job.created'] };

async function problemsOf(
  body: Record<string, unknown>,
  dto: new () => object = CreateWebhookDto,
): Promise<string[]> {
  const result = await validateBody(dto, body);
  if (result.ok) {
    throw new Error(`expected ${JSON.stringify(body)} to be refused`);
  }
  return result.messages;
}

describe(CreateWebhookDto.name, () => {
  it('accepts every setting in its documented shape', async () => {
    const result = await validateBody(CreateWebhookDto, {
      ...valid,
      active: true,
      description: null,
      metadata: { team: 'crm' },
      auth: { type: 'basic', username: 'hookline', password: 'pa55:word' },
      headers: { 'X-Tenant': 'acme' },
      retryPolicy: { preset: 'custom', delaysSeconds: [1, 60, RETRY_POLICY_LIMITS.maxDelaySeconds] },
      timeoutSeconds: 60,
      signatureScheme: { type: 'hmac-sha256-hex', header: 'X-Archilogic-Signature' },
      ordered: true,
      rateLimitPerSecond: 10_000,
      maxConcurrency: null,
      filter: {
        and: [
          { field: 'data.status', in: ['completed', 'closed'] },
          { not: { field: 'subject', startsWith: 't_' } },
        ],
      },
    });

    expect(result.ok).toBe(true);
  });

  it('takes null as no filter', async () => {
    expect((await validateBody(CreateWebhookDto, { ...valid, filter: null })).ok).toBe(true);
  });

  it.each([
    [
      'an operator that does not exist',
      { field: 'data.status', equals: 'x' },
      'filter.equals is not an operator',
    ],
    [
      'a bad part inside a combinator',
      {
        or: [
          { field: 'type', eq: 'job.created' },
          { field: 'data.total', gt: [1] },
        ],
      },
      'filter.or[1].gt must be a number or a string',
    ],
    [
      'a field outside the event',
      { field: 'organizationId', eq: 'org_1' },
      'filter.field must start at type, subject, data',
    ],
    ['a list', [{ field: 'type', eq: 'x' }], 'filter must be an object'],
  ])('refuses a filter with %s, naming its position', async (_, filter, message) => {
    expect((await problemsOf({ ...valid, filter })).join('\n')).toContain(message);
  });

  it.each([
    [{ type: 'none' }],
    [{ type: 'bearer', token: 'eyJhbGciOiJIUzI1NiJ9.e30.sig' }],
    [{ type: 'basic', username: 'u', password: 'p' }],
    [{ type: 'oauth2', tokenUrl: 'https://auth.example.com/token', clientId: 'c', clientSecret: 's' }],
    [
      {
        type: 'oauth2',
        tokenUrl: 'https://auth.example.com/token',
        clientId: 'hookline prod',
        clientSecret: 's3cr:t',
        scope: 'webhooks:receive events.read',
        audience: 'https://api.example.com',
      },
    ],
  ])('accepts auth %j', async (auth) => {
    expect((await validateBody(CreateWebhookDto, { ...valid, auth })).ok).toBe(true);
  });

  it.each([
    [{ preset: 'standard' }],
    [{ preset: 'short' }],
    [{ preset: 'jittered' }],
    [{ preset: 'none' }],
    [null],
  ])('accepts retryPolicy %j', async (retryPolicy) => {
    expect((await validateBody(CreateWebhookDto, { ...valid, retryPolicy })).ok).toBe(true);
  });

  it.each([
    [
      'basic auth without a password',
      { type: 'basic', username: 'u' },
      ['auth.password is required with auth type basic'],
    ],
    [
      'a bearer token too long',
      { type: 'bearer', token: 't'.repeat(1_025) },
      ['auth.token must be 1-1024 characters'],
    ],
  ])('reports %s once', async (_, auth, messages) => {
    expect(await problemsOf({ ...valid, auth })).toEqual(messages);
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'an unknown auth type',
      { auth: { type: 'digest' } },
      'auth.type must be one of the following values: none, basic, bearer, oauth2',
    ],
    [
      'oauth2 without a token URL',
      { auth: { type: 'oauth2', clientId: 'c', clientSecret: 's' } },
      'auth.tokenUrl is required with auth type oauth2',
    ],
    [
      'oauth2 without a client secret',
      { auth: { type: 'oauth2', tokenUrl: 'https://a.example.com/t', clientId: 'c' } },
      'auth.clientSecret is required with auth type oauth2',
    ],
    [
      'oauth2 with a client id holding a line break',
      { auth: { type: 'oauth2', tokenUrl: 'https://a.example.com/t', clientId: 'c\n', clientSecret: 's' } },
      'auth.clientId must be printable ASCII',
    ],
    [
      'oauth2 with a scope of two spaces',
      {
        auth: {
          type: 'oauth2',
          tokenUrl: 'https://a.example.com/t',
          clientId: 'c',
          clientSecret: 's',
          scope: 'a  b',
        },
      },
      'auth.scope must be scope tokens separated by single spaces (RFC 6749 §3.3)',
    ],
    [
      'a token on oauth2 auth',
      {
        auth: {
          type: 'oauth2',
          tokenUrl: 'https://a.example.com/t',
          clientId: 'c',
          clientSecret: 's',
          token: 't',
        },
      },
      'auth.token is not allowed',
    ],
    [
      'basic auth without a password',
      { auth: { type: 'basic', username: 'u' } },
      'auth.password is required with auth type basic',
    ],
    [
      'basic auth without a username',
      { auth: { type: 'basic', password: 'p' } },
      'auth.username is required with auth type basic',
    ],
    [
      'a colon in a basic username',
      { auth: { type: 'basic', username: 'a:b', password: 'p' } },
      'auth.username must not contain a colon or control characters',
    ],
    [
      'bearer auth without a token',
      { auth: { type: 'bearer' } },
      'auth.token is required with auth type bearer',
    ],
    [
      'a token with a line break',
      { auth: { type: 'bearer', token: 'abc\r\nX-Evil: 1' } },
      'auth.token must be printable ASCII without spaces',
    ],
    [
      'a password on bearer auth',
      { auth: { type: 'bearer', token: 't', password: 'p' } },
      'auth.password is not allowed',
    ],
    ['auth that is not an object', { auth: 'basic' }, 'auth must be an object'],
    [
      'custom retries without delays',
      { retryPolicy: { preset: 'custom' } },
      'retryPolicy.delaysSeconds is required with preset "custom"',
    ],
    [
      'custom retries with no delay',
      { retryPolicy: { preset: 'custom', delaysSeconds: [] } },
      'retryPolicy.delaysSeconds must list 1 to 20 delays (got 0)',
    ],
    [
      'a delay below the minimum',
      { retryPolicy: { preset: 'custom', delaysSeconds: [5, 0] } },
      'retryPolicy.delaysSeconds must be whole seconds from 1 to 604800; [1] is 0',
    ],
    [
      'a delay above the maximum',
      { retryPolicy: { preset: 'custom', delaysSeconds: [RETRY_POLICY_LIMITS.maxDelaySeconds + 1] } },
      'retryPolicy.delaysSeconds must be whole seconds from 1 to 604800; [0] is 604801',
    ],
    [
      'too many delays',
      {
        retryPolicy: {
          preset: 'custom',
          delaysSeconds: Array.from({ length: RETRY_POLICY_LIMITS.maxRetries + 1 }, () => 5),
        },
      },
      `retryPolicy.delaysSeconds must list 1 to ${RETRY_POLICY_LIMITS.maxRetries} delays (got 21)`,
    ],
    [
      'a fractional delay',
      { retryPolicy: { preset: 'custom', delaysSeconds: [1.5] } },
      'retryPolicy.delaysSeconds must be whole seconds from 1 to 604800; [0] is 1.5',
    ],
    [
      'delays that are not numbers',
      { retryPolicy: { preset: 'custom', delaysSeconds: ['5'] } },
      'retryPolicy.delaysSeconds must be whole seconds from 1 to 604800; [0] is "5"',
    ],
    [
      'delays with a preset',
      { retryPolicy: { preset: 'short', delaysSeconds: [5] } },
      'retryPolicy.delaysSeconds is only allowed with preset "custom"',
    ],
    [
      'an unknown preset',
      { retryPolicy: { preset: 'aggressive' } },
      'retryPolicy.preset must be one of the following values: standard, short, jittered, none, custom',
    ],
    [
      'an unknown signature scheme',
      { signatureScheme: { type: 'rsa' } },
      'signatureScheme.type must be one of the following values: standard-webhooks, standard-webhooks-ed25519, hmac-sha256-hex',
    ],
    [
      'a signature header that is no header name',
      { signatureScheme: { type: 'hmac-sha256-hex', header: 'x sig' } },
      'signatureScheme.header "x sig" is not a valid header name',
    ],
    [
      'a reserved signature header',
      { signatureScheme: { type: 'hmac-sha256-hex', header: 'Content-Type' } },
      'signatureScheme.header "Content-Type" cannot be set',
    ],
    [
      'a header on standard signatures',
      { signatureScheme: { type: 'standard-webhooks', header: 'x-sig' } },
      'signatureScheme.header is not allowed',
    ],
    ['a timeout of 0', { timeoutSeconds: 0 }, 'timeoutSeconds must not be less than 1'],
    ['a timeout over a minute', { timeoutSeconds: 61 }, 'timeoutSeconds must not be greater than 60'],
    ['a fractional timeout', { timeoutSeconds: 1.5 }, 'timeoutSeconds must be an integer number'],
    ['a rate limit of 0', { rateLimitPerSecond: 0 }, 'rateLimitPerSecond must not be less than 1'],
    [
      'a rate limit over the maximum',
      { rateLimitPerSecond: 10_001 },
      'rateLimitPerSecond must not be greater than 10000',
    ],
    [
      'a concurrency over the maximum',
      { maxConcurrency: 1_001 },
      'maxConcurrency must not be greater than 1000',
    ],
    ['ordered that is not a boolean', { ordered: 'yes' }, 'ordered must be a boolean value'],
    [
      'a name over 100 characters',
      { name: 'n'.repeat(WEBHOOK_LIMITS.nameMaxLength + 1) },
      'name must be shorter than or equal to 100 characters',
    ],
    ['metadata that is not an object', { metadata: ['a'] }, 'metadata must be an object of string values'],
    [
      'a metadata value that is not a string',
      { metadata: { count: 3 } },
      'metadata "count" must have a string value',
    ],
    [
      'a metadata key over 40 characters',
      { metadata: { ['k'.repeat(41)]: 'v' } },
      `metadata key "${'k'.repeat(41)}" must be 1-40 characters`,
    ],
    [
      'a metadata value over 500 characters',
      { metadata: { note: 'v'.repeat(501) } },
      'metadata "note" is longer than 500 characters',
    ],
    [
      'more than 50 metadata keys',
      { metadata: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) },
      'metadata has 51 keys; at most 50 are allowed',
    ],
    [
      'metadata over 8 KiB',
      { metadata: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, 'v'.repeat(450)])) },
      'at most 8192 are allowed',
    ],
    [
      'a hop-by-hop header',
      { headers: { Connection: 'close' } },
      'headers "Connection" cannot be set: hop-by-hop and proxy headers apply to a single connection',
    ],
    [
      'a proxy header',
      { headers: { 'Proxy-Authorization': 'x' } },
      'headers "Proxy-Authorization" cannot be set',
    ],
    [
      'the host header',
      { headers: { Host: 'evil.example.com' } },
      'headers "Host" cannot be set: Hookline sets it from the url',
    ],
    ['a content header', { headers: { 'Content-Length': '1' } }, 'headers "Content-Length" cannot be set'],
    [
      'an authorization header',
      { headers: { Authorization: 'Bearer x' } },
      'headers "Authorization" cannot be set: use auth for Basic or Bearer credentials',
    ],
    ['the user agent', { headers: { 'User-Agent': 'x' } }, 'headers "User-Agent" cannot be set'],
    ['a webhook-* header', { headers: { 'Webhook-Id': 'x' } }, 'headers "Webhook-Id" cannot be set'],
    [
      'the attempt id header',
      { headers: { 'Hookline-Attempt-Id': 'att_1' } },
      'headers "Hookline-Attempt-Id" cannot be set: Hookline puts the attempt’s id in the delivery log in it',
    ],
    [
      'Expect, which the HTTP client refuses to send',
      { headers: { Expect: '100-continue' } },
      'headers "Expect" cannot be set: Hookline sends the body at once, without waiting for 100 Continue',
    ],
    [
      'a name of an object prototype member',
      { headers: { toString: 'x' } },
      'headers "toString" cannot be set: it is the name of a JavaScript object member',
    ],
    [
      // `constructor` and `__proto__` are refused before validation, by the StorableInputPipe of every service.
      'another prototype member name',
      { headers: { hasOwnProperty: 'x' } },
      'headers "hasOwnProperty" cannot be set: it is the name of a JavaScript object member',
    ],
    [
      'a header name with a space',
      { headers: { 'X Tenant': 'x' } },
      'headers "X Tenant" is not a valid header name',
    ],
    [
      'a header name over 64 characters',
      { headers: { ['X'.repeat(65)]: 'x' } },
      'is longer than 64 characters',
    ],
    [
      'a header value over 1 KiB',
      { headers: { 'X-Big': 'v'.repeat(1_025) } },
      'headers "X-Big" is longer than 1024 characters',
    ],
    [
      'a header value with a line break',
      { headers: { 'X-Evil': 'a\r\nHost: x' } },
      'headers "X-Evil" must not contain control characters such as line breaks',
    ],
    [
      'a header value that is not a string',
      { headers: { 'X-Count': 3 } },
      'headers "X-Count" must have a string value',
    ],
    [
      'a header given twice',
      { headers: { 'X-A': '1', 'x-a': '2' } },
      'headers "x-a" repeats "X-A": header names ignore case',
    ],
    [
      'more than 20 headers',
      { headers: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`X-H${i}`, 'v'])) },
      'headers has 21 entries; at most 20 are allowed',
    ],
    ['an unknown field', { colour: 'blue' }, 'colour is not allowed'],
  ])('refuses %s, naming the field', async (_, change, message) => {
    const problems = await problemsOf({ ...valid, ...change });

    expect(problems.join('\n')).toContain(message);
  });

  it('lists every problem of a body at once', async () => {
    const problems = await problemsOf({ ...valid, timeoutSeconds: 0, headers: { Host: 'x', 'X A': 'y' } });

    expect(problems).toHaveLength(2);
    expect(problems).toContain('timeoutSeconds must not be less than 1');
    expect(problems.find((problem) => problem.startsWith('headers'))).toMatch(
      /^headers "Host" cannot be set.*; headers "X A" is not a valid header name/,
    );
  });
});

describe(UpdateWebhookDto.name, () => {
  it('accepts a rotation request alone', async () => {
    expect((await validateBody(UpdateWebhookDto, { rotateSigningSecret: true })).ok).toBe(true);
  });

  it('validates a present field as create does, with one message per problem', async () => {
    expect(await problemsOf({ retryPolicy: { preset: 'custom' } }, UpdateWebhookDto)).toEqual([
      'retryPolicy.delaysSeconds is required with preset "custom"',
    ]);
  });

  it.each([
    ['name', 'name must be a string'],
    ['events', 'events must be an array'],
    ['timeoutSeconds', 'timeoutSeconds must be an integer number'],
    ['auth', 'auth must be an object'],
    ['rotateSigningSecret', 'rotateSigningSecret must be a boolean value'],
  ])('refuses null for %s, which cannot be cleared', async (field, message) => {
    expect((await problemsOf({ [field]: null }, UpdateWebhookDto)).join('\n')).toContain(message);
  });
});

describe('discriminated settings (auth, retryPolicy, signatureScheme) of a wrong shape', () => {
  const shapes: unknown[] = [[null], [], [{ type: 'none' }], [[null]], 'none', 0, true];

  it.each(
    ['auth', 'retryPolicy', 'signatureScheme'].flatMap((field) =>
      shapes.map((shape) => [field, JSON.stringify(shape), shape] as const),
    ),
  )('%s set to %s is one clear 400 on create and update', async (field, _shown, shape) => {
    for (const dto of [CreateWebhookDto, UpdateWebhookDto]) {
      const body = dto === CreateWebhookDto ? { ...valid, [field]: shape } : { [field]: shape };
      expect(await problemsOf(body, dto)).toEqual([`${field} must be an object`]);
    }
  });
});
