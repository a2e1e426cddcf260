import { Body, Controller, Delete, HttpStatus, Param, Put } from '@nestjs/common';
import { ApiExtraModels, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentOrganization } from '@hookline/platform';
import { WriteRoute } from '../common/api-route.decorator';
import { WEBHOOK_OPTION_MODELS } from '../webhooks/dto/webhook-fields.decorators';
import { DeliveryDefaultsResponse, toDeliveryDefaultsResponse } from './dto/delivery-defaults.response';
import { PutDeliveryDefaultsDto } from './dto/put-delivery-defaults.dto';
import { DeliveryDefaultsService } from './delivery-defaults.service';

const NOT_FOUND = 'The event type is not in the catalog';
const TYPE_PARAM = { name: 'type', example: 'job.created' };

@ApiTags('event types')
@ApiExtraModels(...WEBHOOK_OPTION_MODELS)
@Controller('v1/event-types/:type/delivery-defaults')
export class DeliveryDefaultsController {
  constructor(private readonly defaults: DeliveryDefaultsService) {}

  @Put()
  @WriteRoute({
    summary: "Set your organization's retry schedule and TTL for an event type",
    description:
      "Applies to your webhooks that set no retryPolicy of their own, over the catalog's defaults, from the moment delivery has read it (within seconds). Replaced as a whole: a field left out or null is the catalog's.",
    type: DeliveryDefaultsResponse,
    badRequest: 'A field is invalid; every problem is listed in details',
    notFound: NOT_FOUND,
  })
  @ApiParam(TYPE_PARAM)
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
  @WriteRoute({
    summary: "Remove your organization's defaults for an event type: the catalog's apply again",
    status: HttpStatus.NO_CONTENT,
    answer: 'Removed, or there were none',
    notFound: NOT_FOUND,
  })
  @ApiParam(TYPE_PARAM)
  async remove(@CurrentOrganization() organizationId: string, @Param('type') type: string): Promise<void> {
    await this.defaults.remove(organizationId, type);
  }
}
