import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RequireScopes, CurrentOrganization } from '@hookline/platform';
import { ApiErrors } from '../common/api-errors.decorator';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { CreatedWebhookResponse } from './dto/created-webhook.response';
import { DEFAULT_PAGE_SIZE, ListWebhooksQuery } from './dto/list-webhooks.query';
import { MatchEventDto } from './dto/match-event.dto';
import { MatchResultResponse } from './dto/match-result.response';
import { TestEventResponse } from './dto/test-event.response';
import { UpdateWebhookDto } from './dto/update-webhook.dto';
import { UpdatedWebhookResponse } from './dto/updated-webhook.response';
import { WEBHOOK_OPTION_MODELS } from './dto/webhook-fields.decorators';
import { WebhookPageResponse } from './dto/webhook-page.response';
import { WebhookResponse, toWebhookResponse } from './dto/webhook.response';
import type { Webhook } from './webhook.entity';
import { WebhooksService } from './webhooks.service';

const NOT_FOUND = 'No such webhook in your organization';

@ApiTags('webhooks')
@ApiExtraModels(...WEBHOOK_OPTION_MODELS)
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiErrors({ badRequest: 'A field is invalid; every problem is listed in details' })
  @RequireScopes(['webhooks:write'])
  @ApiOperation({
    summary: 'Register an endpoint',
    description:
      'Created inactive unless `active` is true; an active webhook is sent a `webhook.test` event. The response carries the signing secret.',
  })
  @ApiCreatedResponse({ type: CreatedWebhookResponse })
  async create(
    @CurrentOrganization() organizationId: string,
    @Body() body: CreateWebhookDto,
  ): Promise<CreatedWebhookResponse> {
    const { webhook, signingSecret } = await this.webhooks.create(organizationId, body);
    return { ...this.toResponse(webhook), signingSecret };
  }

  @Get()
  @ApiErrors({ badRequest: 'A query parameter is invalid, or the cursor is not one of ours' })
  @RequireScopes(['webhooks:read'])
  @ApiOperation({ summary: "List the organization's webhooks, newest first" })
  @ApiOkResponse({ type: WebhookPageResponse })
  async list(
    @CurrentOrganization() organizationId: string,
    @Query() query: ListWebhooksQuery,
  ): Promise<WebhookPageResponse> {
    const page = await this.webhooks.list(organizationId, {
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
      cursor: query.cursor,
      active: query.active === undefined ? undefined : query.active === 'true',
      eventType: query.eventType,
    });
    return { items: page.items.map((webhook) => this.toResponse(webhook)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiErrors({ notFound: NOT_FOUND })
  @RequireScopes(['webhooks:read'])
  @ApiOperation({ summary: 'Get a webhook' })
  @ApiOkResponse({ type: WebhookResponse })
  async get(
    @CurrentOrganization() organizationId: string,
    @Param('id') id: string,
  ): Promise<WebhookResponse> {
    return this.toResponse(await this.webhooks.get(organizationId, id));
  }

  @Patch(':id')
  @ApiErrors({ badRequest: 'A field is invalid, or the body changes nothing', notFound: NOT_FOUND })
  @RequireScopes(['webhooks:write'])
  @ApiOperation({
    summary: 'Change some fields of a webhook; bumps its version',
    description:
      'Switching `active` from false to true sends a `webhook.test` event and clears `disabledReason`. `rotateSigningSecret: true` issues a new secret, returned as `signingSecret`.',
  })
  @ApiOkResponse({ type: UpdatedWebhookResponse })
  async update(
    @CurrentOrganization() organizationId: string,
    @Param('id') id: string,
    @Body() body: UpdateWebhookDto,
  ): Promise<UpdatedWebhookResponse> {
    const { webhook, signingSecret } = await this.webhooks.update(organizationId, id, body);
    return { ...this.toResponse(webhook), ...(signingSecret === null ? {} : { signingSecret }) };
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiErrors({ notFound: NOT_FOUND })
  @RequireScopes(['webhooks:write'])
  @ApiOperation({ summary: 'Delete a webhook; deliveries to it stop' })
  @ApiNoContentResponse({ description: 'Deleted' })
  async remove(@CurrentOrganization() organizationId: string, @Param('id') id: string): Promise<void> {
    await this.webhooks.remove(organizationId, id);
  }

  @Post(':id/test')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiErrors({ notFound: NOT_FOUND })
  @RequireScopes(['webhooks:write'])
  @ApiOperation({
    summary: 'Send a webhook.test event to the endpoint',
    description:
      'Sent even while the webhook is inactive or not subscribed to webhook.test: a debugging aid.',
  })
  @ApiAcceptedResponse({ type: TestEventResponse })
  async sendTest(
    @CurrentOrganization() organizationId: string,
    @Param('id') id: string,
  ): Promise<TestEventResponse> {
    return { eventId: await this.webhooks.sendTest(organizationId, id) };
  }

  @Post(':id/match')
  @HttpCode(HttpStatus.OK)
  @ApiErrors({
    badRequest: 'The sample event is invalid; every problem is listed in details',
    notFound: NOT_FOUND,
  })
  @RequireScopes(['webhooks:read'])
  @ApiOperation({
    summary: 'Would this webhook take a sample event?',
    description:
      'Judges a sample event against the webhook’s event patterns and payload filter as dispatch does, and names the part of the filter that decided. Nothing is sent.',
  })
  @ApiOkResponse({ type: MatchResultResponse })
  async match(
    @CurrentOrganization() organizationId: string,
    @Param('id') id: string,
    @Body() sample: MatchEventDto,
  ): Promise<MatchResultResponse> {
    return this.webhooks.match(organizationId, id, {
      type: sample.type,
      subject: sample.subject ?? '',
      data: sample.data,
    });
  }

  private toResponse(webhook: Webhook): WebhookResponse {
    return toWebhookResponse(webhook, this.webhooks.openHeaders(webhook));
  }
}
