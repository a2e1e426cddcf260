import 'reflect-metadata';
import { ForbiddenException, type ExecutionContext } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { CurrentOrganization } from './current-organization.decorator';
import type { Principal } from './principal';

type ParamFactory = (data: unknown, context: ExecutionContext) => string;

/** The function Nest calls to fill a parameter decorated with `@CurrentOrganization()`. */
function currentOrganizationFactory(): ParamFactory {
  class Probe {
    handle(@CurrentOrganization() _organizationId: string): void {}
  }
  const args = Reflect.getMetadata(ROUTE_ARGS_METADATA, Probe, 'handle') as Record<
    string,
    { factory: ParamFactory }
  >;
  return Object.values(args)[0].factory;
}

function contextWith(principal: Principal | undefined): ExecutionContext {
  return {
    switchToHttp: () => ({ getRequest: () => ({ principal }) }),
  } as unknown as ExecutionContext;
}

describe('CurrentOrganization', () => {
  const factory = currentOrganizationFactory();

  it('gives the organization of an organization API key', () => {
    const principal: Principal = {
      kind: 'organization',
      organizationId: 'org_1',
      keyId: 'key_1',
      scopes: [],
    };
    expect(factory(undefined, contextWith(principal))).toBe('org_1');
  });

  it.each<[string, Principal | undefined]>([
    ['the admin token', { kind: 'admin' }],
    ['a service token', { kind: 'service', name: 'product' }],
    ['no principal at all', undefined],
  ])('answers 403 for %s: the caller is known, the route is for organizations', (_, principal) => {
    const call = () => factory(undefined, contextWith(principal));
    expect(call).toThrow(ForbiddenException);
    expect(call).toThrow('this route needs an organization API key');
  });
});
