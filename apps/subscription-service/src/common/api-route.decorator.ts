import { HttpCode, HttpStatus, applyDecorators, type Type } from '@nestjs/common';
import { ApiOperation, ApiResponse } from '@nestjs/swagger';
import type { ApiScope } from '@hookline/contracts';
import { AdminOnly, RequireScopes } from '@hookline/platform';
import { ApiErrors, type ApiErrorsOptions } from './api-errors.decorator';

export interface ApiRouteOptions extends Omit<ApiErrorsOptions, 'scoped'> {
  /** Who may call it: an organization key with every one of these scopes, or the admin token. */
  scopes: ApiScope[] | 'admin';
  summary: string;
  description?: string;
  /** The success status, answered and documented (200 unless said). */
  status?: HttpStatus;
  /** The success body, when there is one. */
  type?: Type;
  /** What the success answer means, where its body does not say it. */
  answer?: string;
}

/**
 * Declares a route's access, operation and answers in one place. Nest answers `status` whatever
 * the method's own default; the decorators apply in the order a stack of them would (success
 * response, operation, auth, errors), which `ApiErrors` needs to add its body to the 401/403 of the
 * auth decorator.
 */
export const ApiRoute = ({
  scopes,
  summary,
  description,
  status = HttpStatus.OK,
  type,
  answer,
  ...errors
}: ApiRouteOptions) =>
  applyDecorators(
    ApiResponse({ status, type, description: answer }),
    ApiOperation({ summary, description }),
    scopes === 'admin' ? AdminOnly() : RequireScopes(scopes),
    ApiErrors({ ...errors, scoped: scopes !== 'admin' }),
    HttpCode(status),
  );

/** A route of one kind, which says who may call it. */
type RouteOfKind = Omit<ApiRouteOptions, 'scopes'>;

/** A route that reads webhooks and what hangs off them: an organization key with webhooks:read. */
export const ReadRoute = (route: RouteOfKind) => ApiRoute({ scopes: ['webhooks:read'], ...route });

/** A route that changes webhooks and what hangs off them: an organization key with webhooks:write. */
export const WriteRoute = (route: RouteOfKind) => ApiRoute({ scopes: ['webhooks:write'], ...route });

/** A route for the platform's operator: the admin token only. */
export const AdminRoute = (route: RouteOfKind) => ApiRoute({ scopes: 'admin', ...route });
