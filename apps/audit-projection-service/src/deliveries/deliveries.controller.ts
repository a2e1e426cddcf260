import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScopes, CurrentOrganization } from '@hookline/platform';
import { ApiResourceId } from '../common/api-resource-id.decorator';
import { DeliveriesService } from './deliveries.service';
import { DeliveryDetailDto } from './dto/delivery-detail.dto';
import { DeliveryPageDto } from './dto/delivery-page.dto';
import { ListDeliveriesQueryDto } from './dto/list-deliveries.query.dto';

@ApiTags('deliveries')
@RequireScopes(['deliveries:read'])
@Controller('v1')
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesService) {}

  @Get('webhooks/:id/deliveries')
  @ApiOperation({ summary: "A webhook's log history, newest first (keyset pagination)" })
  @ApiResourceId('webhook')
  @ApiOkResponse({ type: DeliveryPageDto })
  @ApiBadRequestResponse({ description: 'A query parameter is invalid; the message names it' })
  listForWebhook(
    @CurrentOrganization() organizationId: string,
    @Param('id') webhookId: string,
    @Query() query: ListDeliveriesQueryDto,
  ): Promise<DeliveryPageDto> {
    return this.deliveries.listForWebhook(organizationId, webhookId, query);
  }

  @Get('deliveries/:id')
  @ApiOperation({ summary: 'One delivery with its payload and every attempt' })
  @ApiResourceId('delivery')
  @ApiOkResponse({ type: DeliveryDetailDto })
  getDelivery(
    @CurrentOrganization() organizationId: string,
    @Param('id') deliveryId: string,
  ): Promise<DeliveryDetailDto> {
    return this.deliveries.getDelivery(organizationId, deliveryId);
  }
}
