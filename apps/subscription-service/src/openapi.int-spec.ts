import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { buildOpenApiConfig } from '@hookline/platform';
import { SubscriptionTestContext } from '../test/subscription-test-context';

type Operation = {
  operationId: string;
  summary?: string;
  security?: unknown[];
  responses: Record<string, { content?: { 'application/json': { schema: { $ref?: string } } } }>;
  requestBody?: { content: { 'application/json': { schema: { $ref?: string } } } };
};

const ERROR_SCHEMA = '#/components/schemas/ApiErrorResponse';

describe('the OpenAPI document of subscription-service', () => {
  let context: SubscriptionTestContext;
  let document: OpenAPIObject;

  const operations = (): Array<[string, Operation]> =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, Operation>).map(([method, operation]): [string, Operation] => [
        `${method.toUpperCase()} ${path}`,
        operation,
      ]),
    );
  const apiOperations = () => operations().filter(([route]) => route.includes(' /v1/'));

  beforeAll(async () => {
    context = await SubscriptionTestContext.start('openapi-int');
    document = (await context.http.request<OpenAPIObject>('GET', '/docs-json')).body;
  });

  afterAll(async () => {
    await context?.stop();
  });

  it('lists every route of the API', () => {
    expect(
      apiOperations()
        .map(([route]) => route)
        .sort(),
    ).toEqual([
      'DELETE /v1/event-types/{type}/delivery-defaults',
      'DELETE /v1/organizations/{organizationId}/api-keys/{keyId}',
      'DELETE /v1/webhooks/{id}',
      'GET /v1/event-types',
      'GET /v1/event-types/{type}/subscribed',
      'GET /v1/organizations/{organizationId}/api-keys',
      'GET /v1/webhooks',
      'GET /v1/webhooks/{id}',
      'GET /v1/webhooks/{id}/backfills',
      'GET /v1/webhooks/{id}/backfills/{backfillId}',
      'GET /v1/webhooks/{id}/secret',
      'PATCH /v1/webhooks/{id}',
      'POST /v1/organizations',
      'POST /v1/organizations/{organizationId}/api-keys',
      'POST /v1/organizations/{organizationId}/portal-sessions',
      'POST /v1/portal-sessions',
      'POST /v1/webhooks',
      'POST /v1/webhooks/{id}/backfill',
      'POST /v1/webhooks/{id}/backfills/{backfillId}/cancel',
      'POST /v1/webhooks/{id}/match',
      'POST /v1/webhooks/{id}/secret/rotate',
      'POST /v1/webhooks/{id}/test',
      'PUT /v1/event-types/{type}/delivery-defaults',
    ]);
  });

  it('gives every route a summary, bearer auth, a success answer and its errors with the error body', () => {
    for (const [route, operation] of apiOperations()) {
      expect([route, typeof operation.summary]).toEqual([route, 'string']);
      expect([route, operation.security]).toEqual([route, [{ bearer: [] }]]);
      expect([route, Object.keys(operation.responses).some((status) => status.startsWith('2'))]).toEqual([
        route,
        true,
      ]);
      const errors = Object.entries(operation.responses).filter(([status]) => status.startsWith('4'));
      expect([route, errors.map(([status]) => status)]).toEqual([route, expect.arrayContaining(['401'])]);
      for (const [status, response] of errors) {
        expect([route, status, response.content?.['application/json'].schema.$ref]).toEqual([
          route,
          status,
          ERROR_SCHEMA,
        ]);
      }
    }
  });

  it('documents 403 exactly where a scope is needed, and 404 on every route about a webhook', () => {
    const forbidden = apiOperations()
      .filter(([, operation]) => '403' in operation.responses)
      .map(([route]) => route);
    const webhookRoutes = apiOperations().filter(([route]) => route.includes('/v1/webhooks'));

    // A key opening a portal session needs webhooks:read, like every webhook route; an organization's
    // delivery defaults need webhooks:write.
    const scoped = [
      ...webhookRoutes.map(([route]) => route),
      'POST /v1/portal-sessions',
      'PUT /v1/event-types/{type}/delivery-defaults',
      'DELETE /v1/event-types/{type}/delivery-defaults',
    ];
    expect(forbidden.sort()).toEqual(scoped.sort());
    for (const [route, operation] of webhookRoutes.filter(([route]) => route.includes('{id}'))) {
      expect([route, '404' in operation.responses]).toEqual([route, true]);
    }
  });

  it('describes the request bodies, with oneOf for auth, retryPolicy and signatureScheme', () => {
    const schemas = document.components?.schemas as Record<
      string,
      { properties: Record<string, Record<string, unknown>> }
    >;
    const create = schemas.CreateWebhookDto.properties;

    expect(create.auth.oneOf).toHaveLength(4);
    expect(create.auth.discriminator).toMatchObject({ propertyName: 'type' });
    expect(create.retryPolicy.oneOf).toHaveLength(2);
    expect(create.signatureScheme.oneOf).toHaveLength(3);
    for (const name of [
      'BasicAuthDto',
      'BearerAuthDto',
      'OAuth2AuthDto',
      'CustomRetryPolicyDto',
      'Ed25519SignatureSchemeDto',
      'HmacSignatureSchemeDto',
    ]) {
      expect(schemas[name]).toBeDefined();
    }
    expect(Object.keys(schemas.UpdateWebhookDto.properties)).toEqual(
      expect.arrayContaining([...Object.keys(create), 'rotateSigningSecret']),
    );
    for (const [name, property] of Object.entries(create)) {
      expect([name, property.example ?? property.default ?? property.oneOf]).not.toEqual([name, undefined]);
    }
  });

  it('is the same document every time it is built', () => {
    const config = buildOpenApiConfig({ title: 'subscription-service', description: 'under test' });

    expect(SwaggerModule.createDocument(context.running.app, config)).toEqual(
      SwaggerModule.createDocument(context.running.app, config),
    );
  });
});
