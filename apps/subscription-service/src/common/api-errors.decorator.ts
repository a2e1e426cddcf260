import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ApiErrorResponse } from './api-error.response';

export interface ApiErrorsOptions {
  /** When the route can answer 400: what makes it do so. */
  badRequest?: string;
  /** When the route can answer 404: what was not found. */
  notFound?: string;
  /** When the route can answer 409: what state refuses it. */
  conflict?: string;
  /** Whether the route needs a scope (so a key without it gets 403); not for admin or any-key routes. */
  scoped?: boolean;
}

/**
 * Documents a route's error answers with the body every error has. The 401/403 descriptions
 * come from the auth decorator (`@RequireScopes`, `@AdminOnly`); this adds their body, so place
 * it above that decorator (applied after it: an earlier one's missing type would win).
 */
export const ApiErrors = ({ badRequest, notFound, conflict, scoped = true }: ApiErrorsOptions = {}) =>
  applyDecorators(
    ApiUnauthorizedResponse({ type: ApiErrorResponse }),
    ...(scoped ? [ApiForbiddenResponse({ type: ApiErrorResponse })] : []),
    ...(badRequest ? [ApiBadRequestResponse({ type: ApiErrorResponse, description: badRequest })] : []),
    ...(notFound ? [ApiNotFoundResponse({ type: ApiErrorResponse, description: notFound })] : []),
    ...(conflict ? [ApiConflictResponse({ type: ApiErrorResponse, description: conflict })] : []),
  );
