import { Body, Controller, Delete, HttpCode, HttpStatus, Param, Put } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentOrganization, RequireScopes } from '@hookline/platform';
import { ApiErrors } from '../common/api-errors.decorator';
import { WEBHOOK_OPTION_MODELS } from '../webhooks/dto/webhook-fields.decorators';
import { DeliveryDefaultsResponse, toDeliveryDefaultsResponse } from './dto/delivery-defaults.response';
import { PutDeliveryDefaultsDto } from './dto/put-delivery-defaults.dto';
import { DeliveryDefaultsService } from './delivery-defaults.service';

const NOT_FOUND = 'The event type is not in the catalog';

@ApiTags('event types')
@ApiExtraModels(...WEBHOOK_OPTION_MODELS)
@Controller('v1/event-types/:type/delivery-defaults')
export class DeliveryDefaultsController {
  constructor(private readonly defaults: DeliveryDefaultsService) {}

  @Put()
  @ApiErrors({ badRequest: 'A field is invalid; every problem is listed in details', notFound: NOT_FOUND })
  @RequireScopes(['webhooks:write'])
  @ApiOperation({
    summary: "Set your organization's retry schedule and TTL for an event type",
    description:
      "Applies to your webhooks that set no retryPolicy of their own, over the catalog's defaults, from the moment delivery has read it (within seconds). Replaced as a whole: a field left out or null is the catalog's.",
  })
  @ApiParam({ name: 'type', example: 'job.created' })
  @ApiOkResponse({ type: DeliveryDefaultsResponse })
  async put(
    @CurrentOrganization() organizationId: string,
    @Param('type') type: string,
    @Body() body: PutDeliveryDefaultsDto,
  ): Promise<DeliveryDefaultsResponse> {
    const row = await this.defaults.put(organizationId, type, {
      retryPolicy: body.retryPolicy ?? null,
      ttlSeconds: body.ttlSeconds ?? null,
    });
    return toDeliveryDefaultsResponse(row);
  }

  @Delete()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiErrors({ notFound: NOT_FOUND })
  @RequireScopes(['webhooks:write'])
  @ApiOperation({
    summary: "Remove your organization's defaults for an event type: the catalog's apply again",
  })
  @ApiParam({ name: 'type', example: 'job.created' })
  @ApiNoContentResponse({ description: 'Removed, or there were none' })
  async remove(@CurrentOrganization() organizationId: string, @Param('type') type: string): Promise<void> {
    await this.defaults.remove(organizationId, type);
  }
}
