import type { DynamicModule, Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { AUTH_POLICY, loadConfig, type AuthPolicy } from '@hookline/platform';
import { AppModule } from './app.module';
import { SubscriptionEnv } from './config/subscription.env';

type ModuleRef = Type<unknown> | DynamicModule;

function controllersOf(root: ModuleRef, seen = new Set<unknown>()): Array<Type<unknown>> {
  const moduleClass = 'module' in root ? root.module : root;
  if (seen.has(root)) {
    return [];
  }
  seen.add(root);
  const dynamic: Partial<DynamicModule> = 'module' in root ? root : {};
  const controllers = [
    ...((Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, moduleClass) as Array<Type<unknown>> | undefined) ??
      []),
    ...(dynamic.controllers ?? []),
  ];
  const imports = [
    ...((Reflect.getMetadata(MODULE_METADATA.IMPORTS, moduleClass) as ModuleRef[] | undefined) ?? []),
    ...((dynamic.imports ?? []) as ModuleRef[]),
  ];
  return [...controllers, ...imports.flatMap((imported) => controllersOf(imported, seen))];
}

function routesOf(controller: Type<unknown>): Array<{ name: string; handler: object }> {
  const prototype = controller.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype)
    .filter((name) => name !== 'constructor' && typeof prototype[name] === 'function')
    .map((name) => ({ name, handler: prototype[name] as object }))
    .filter(({ handler }) => Reflect.getMetadata(METHOD_METADATA, handler) !== undefined);
}

describe('every route of subscription-service', () => {
  const config = loadConfig(SubscriptionEnv, {
    DATABASE_URL: 'postgres://hookline:hookline@127.0.0.1:55432/hookline',
    KAFKA_BROKERS: '127.0.0.1:19092',
    ADMIN_TOKEN: 'admin-token-0123456789',
    SECRETS_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
  });
  const controllers = [...new Set(controllersOf(AppModule.forRoot(config)))];
  const routes = controllers.flatMap((controller) =>
    routesOf(controller).map(({ name, handler }) => ({
      route: `${controller.name}.${name} ${String(Reflect.getMetadata(PATH_METADATA, controller))}`,
      policy: (Reflect.getMetadata(AUTH_POLICY, handler) ?? Reflect.getMetadata(AUTH_POLICY, controller)) as
        AuthPolicy | undefined,
    })),
  );

  it('finds the controllers of every feature', () => {
    expect(controllers.map((controller) => controller.name).sort()).toEqual(
      expect.arrayContaining([
        'ApiKeysController',
        'EventTypesController',
        'OrganizationsController',
        'SigningSecretsController',
        'WebhooksController',
      ]),
    );
  });

  it('says who may call it: the admin, or organization keys with their scopes (health and metrics are public)', () => {
    const undecided = routes.filter(({ policy }) => policy === undefined).map(({ route }) => route);

    expect(undecided).toEqual([]);
  });

  it('asks for a webhooks scope on every webhook route', () => {
    const webhookRoutes = routes.filter(({ route }) => / v1\/webhooks/.test(route));

    expect(webhookRoutes.length).toBeGreaterThanOrEqual(8);
    for (const { route, policy } of webhookRoutes) {
      expect([route, policy?.scopes?.some((scope) => scope.startsWith('webhooks:'))]).toEqual([route, true]);
    }
  });

  it('asks for secrets:read on every route that reveals an existing signing secret', () => {
    const revealing = routes.filter(({ route }) => route.startsWith('SigningSecretsController.reveal '));

    expect(revealing).toHaveLength(1);
    for (const { route, policy } of revealing) {
      expect([route, policy?.scopes]).toEqual([route, ['webhooks:read', 'secrets:read']]);
    }
  });
});
