import { Body, Controller, Delete, Get, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiExtraModels, ApiTags } from '@nestjs/swagger';
import { CurrentOrganization } from '@hookline/platform';
import { ReadRoute, WriteRoute } from '../common/api-route.decorator';
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
  @WriteRoute({
    summary: 'Register an endpoint',
    description:
      'Created inactive unless `active` is true; an active webhook is sent a `webhook.test` event. The response carries the signing secret.',
    status: HttpStatus.CREATED,
    type: CreatedWebhookResponse,
    badRequest: 'A field is invalid; every problem is listed in details',
  })
  async create(
    @CurrentOrganization() organizationId: string,
    @Body() body: CreateWebhookDto,
  ): Promise<CreatedWebhookResponse> {
    const { webhook, signingSecret } = await this.webhooks.create(organizationId, body);
    return { ...this.toResponse(webhook), signingSecret };
  }

  @Get()
  @ReadRoute({
    summary: "List the organization's webhooks, newest first",
    type: WebhookPageResponse,
    badRequest: 'A query parameter is invalid, or the cursor is not one of ours',
  })
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
  @ReadRoute({ summary: 'Get a webhook', type: WebhookResponse, notFound: NOT_FOUND })
  async get(
    @CurrentOrganization() organizationId: string,
    @Param('id') id: string,
  ): Promise<WebhookResponse> {
    return this.toResponse(await this.webhooks.get(organizationId, id));
  }

  @Patch(':id')
  @WriteRoute({
    summary: 'Change some fields of a webhook; bumps its version',
    description:
      'Switching `active` from false to true sends a `webhook.test` event and clears `disabledReason`. `rotateSigningSecret: true` issues a new secret, returned as `signingSecret`.',
    type: UpdatedWebhookResponse,
    badRequest: 'A field is invalid, or the body changes nothing',
    notFound: NOT_FOUND,
  })
  async update(
    @CurrentOrganization() organizationId: string,
    @Param('id') id: string,
    @Body() body: UpdateWebhookDto,
  ): Promise<UpdatedWebhookResponse> {
    const { webhook, signingSecret } = await this.webhooks.update(organizationId, id, body);
    return { ...this.toResponse(webhook), ...(signingSecret === null ? {} : { signingSecret }) };
  }

  @Delete(':id')
  @WriteRoute({
    summary: 'Delete a webhook; deliveries to it stop',
    status: HttpStatus.NO_CONTENT,
    answer: 'Deleted',
    notFound: NOT_FOUND,
  })
  async remove(@CurrentOrganization() organizationId: string, @Param('id') id: string): Promise<void> {
    await this.webhooks.remove(organizationId, id);
  }

  @Post(':id/test')
  @WriteRoute({
    summary: 'Send a webhook.test event to the endpoint',
    description:
      'Sent even while the webhook is inactive or not subscribed to webhook.test: a debugging aid.',
    status: HttpStatus.ACCEPTED,
    type: TestEventResponse,
    notFound: NOT_FOUND,
  })
  async sendTest(
    @CurrentOrganization() organizationId: string,
    @Param('id') id: string,
  ): Promise<TestEventResponse> {
    return { eventId: await this.webhooks.sendTest(organizationId, id) };
  }

  @Post(':id/match')
  @ReadRoute({
    summary: 'Would this webhook take a sample event?',
    description:
      'Judges a sample event against the webhook’s event patterns and payload filter as dispatch does, and names the part of the filter that decided. Nothing is sent.',
    type: MatchResultResponse,
    badRequest: 'The sample event is invalid; every problem is listed in details',
    notFound: NOT_FOUND,
  })
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
