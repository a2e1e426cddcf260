import { applyDecorators } from '@nestjs/common';
import { ApiNotFoundResponse, ApiParam } from '@nestjs/swagger';

const ID_DESCRIPTIONS = { webhook: 'Webhook id', delivery: 'Delivery id' } as const;

/** The `:id` path parameter names a `resource` of the caller's organization; any other id answers 404. */
export const ApiResourceId = (resource: keyof typeof ID_DESCRIPTIONS) =>
  applyDecorators(
    ApiParam({ name: 'id', description: ID_DESCRIPTIONS[resource] }),
    ApiNotFoundResponse({ description: `No such ${resource} in the caller's organization` }),
  );
