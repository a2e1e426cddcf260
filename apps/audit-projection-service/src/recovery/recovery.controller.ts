import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiGoneResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RequireScopes, CurrentOrganization } from '@hookline/platform';
import { ApiResourceId } from '../common/api-resource-id.decorator';
import { RecoverWebhookDto } from './dto/recover-webhook.dto';
import { RecoveryAcceptedDto } from './dto/recovery-accepted.dto';
import { RedeliveryAcceptedDto } from './dto/redelivery-accepted.dto';
import { RecoveryService } from './recovery.service';

@ApiTags('recovery')
@RequireScopes(['webhooks:write'])
@Controller('v1')
export class RecoveryController {
  constructor(private readonly recovery: RecoveryService) {}

  @Post('deliveries/:id/redeliver')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Send a finished delivery again',
    description:
      'Accepted once the command is durable in Kafka; the new attempt appears in the delivery’s log.',
  })
  @ApiResourceId('delivery')
  @ApiAcceptedResponse({ type: RedeliveryAcceptedDto })
  @ApiConflictResponse({
    description: 'The webhook was deleted, or the delivery is still pending or retrying',
  })
  @ApiGoneResponse({ description: 'The payload is past its retention' })
  redeliver(
    @CurrentOrganization() organizationId: string,
    @Param('id') deliveryId: string,
  ): Promise<RedeliveryAcceptedDto> {
    return this.recovery.redeliver(organizationId, deliveryId);
  }

  @Post('webhooks/:id/recover')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Send again every failed delivery of a webhook since a date',
    description: 'One command per failed delivery, oldest first, at most 1000 per call (see `truncated`).',
  })
  @ApiResourceId('webhook')
  @ApiAcceptedResponse({ type: RecoveryAcceptedDto })
  @ApiBadRequestResponse({
    description: '`since` is missing, malformed, in the future or before the payload retention',
  })
  @ApiConflictResponse({ description: 'The webhook was deleted' })
  recover(
    @CurrentOrganization() organizationId: string,
    @Param('id') webhookId: string,
    @Body() body: RecoverWebhookDto,
  ): Promise<RecoveryAcceptedDto> {
    return this.recovery.recover(organizationId, webhookId, body.since);
  }
}
