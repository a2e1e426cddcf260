import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentOrganization } from '@hookline/platform';
import { AnyOrganizationKey } from '../common/any-organization-key.decorator';
import { ApiErrorResponse } from '../common/api-error.response';
import { EventTypeListResponse, SubscribedResponse } from './dto/event-type.response';
import { EventTypesService } from './event-types.service';

@ApiTags('event types')
@Controller('v1/event-types')
export class EventTypesController {
  constructor(private readonly eventTypes: EventTypesService) {}

  @Get()
  @AnyOrganizationKey()
  @ApiOperation({
    summary: 'The event catalog: every type with the JSON Schema of its data and an example',
    description: 'Any organization API key may read it, whatever its scopes.',
  })
  @ApiOkResponse({ type: EventTypeListResponse })
  async list(@CurrentOrganization() organizationId: string): Promise<EventTypeListResponse> {
    return { items: await this.eventTypes.list(organizationId) };
  }

  @Get(':type/subscribed')
  @AnyOrganizationKey()
  @ApiOperation({
    summary: 'Whether an active webhook of your organization receives this event type',
    description:
      'For product UIs that hide features which would send nothing. Any organization API key may ask.',
  })
  @ApiParam({ name: 'type', example: 'estimate.sent' })
  @ApiOkResponse({ type: SubscribedResponse })
  @ApiNotFoundResponse({ type: ApiErrorResponse, description: 'The event type is not in the catalog' })
  async subscribed(
    @CurrentOrganization() organizationId: string,
    @Param('type') type: string,
  ): Promise<SubscribedResponse> {
    return this.eventTypes.subscribers(organizationId, type);
  }
}
