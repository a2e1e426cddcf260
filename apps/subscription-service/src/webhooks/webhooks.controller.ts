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
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RequireScopes } from '@hookline/platform';
import { ApiErrorResponse } from '../common/api-error.response';
import { CurrentOrganization } from '../common/current-organization.decorator';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { CreatedWebhookResponse } from './dto/created-webhook.response';
import { DEFAULT_PAGE_SIZE, ListWebhooksQuery } from './dto/list-webhooks.query';
import { SigningSecretResponse } from './dto/signing-secret.response';
import { UpdateWebhookDto } from './dto/update-webhook.dto';
import { WebhookPageResponse } from './dto/webhook-page.response';
import { WebhookResponse, toWebhookResponse } from './dto/webhook.response';
import { WebhooksService } from './webhooks.service';

const NOT_FOUND = { type: ApiErrorResponse, description: 'No such webhook in your organization' } as const;

@ApiTags('webhooks')
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @RequireScopes(['webhooks:write'])
  @ApiOperation({ summary: 'Register an endpoint; it is created inactive unless `active` is true' })
  @ApiCreatedResponse({ type: CreatedWebhookResponse })
  @ApiBadRequestResponse({ type: ApiErrorResponse })
  async create(
    @CurrentOrganization() organizationId: string,
    @Body() body: CreateWebhookDto,
  ): Promise<CreatedWebhookResponse> {
    const { webhook, signingSecret } = await this.webhooks.create(organizationId, body);
    return { ...toWebhookResponse(webhook), signingSecret };
  }

  @Get()
  @RequireScopes(['webhooks:read'])
  @ApiOperation({ summary: "List the organization's webhooks, newest first" })
  @ApiOkResponse({ type: WebhookPageResponse })
  @ApiBadRequestResponse({ type: ApiErrorResponse })
  async list(
    @CurrentOrganization() organizationId: string,
    @Query() query: ListWebhooksQuery,
  ): Promise<WebhookPageResponse> {
    const page = await this.webhooks.list(organizationId, {
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
      cursor: query.cursor,
    });
    return { items: page.items.map(toWebhookResponse), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @RequireScopes(['webhooks:read'])
  @ApiOperation({ summary: 'Get a webhook' })
  @ApiOkResponse({ type: WebhookResponse })
  @ApiNotFoundResponse(NOT_FOUND)
  async get(
    @CurrentOrganization() organizationId: string,
    @Param('id') id: string,
  ): Promise<WebhookResponse> {
    return toWebhookResponse(await this.webhooks.get(organizationId, id));
  }

  @Patch(':id')
  @RequireScopes(['webhooks:write'])
  @ApiOperation({ summary: 'Change some fields of a webhook; bumps its version' })
  @ApiOkResponse({ type: WebhookResponse })
  @ApiBadRequestResponse({ type: ApiErrorResponse })
  @ApiNotFoundResponse(NOT_FOUND)
  async update(
    @CurrentOrganization() organizationId: string,
    @Param('id') id: string,
    @Body() body: UpdateWebhookDto,
  ): Promise<WebhookResponse> {
    return toWebhookResponse(await this.webhooks.update(organizationId, id, body));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequireScopes(['webhooks:write'])
  @ApiOperation({ summary: 'Delete a webhook; deliveries to it stop' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse(NOT_FOUND)
  async remove(@CurrentOrganization() organizationId: string, @Param('id') id: string): Promise<void> {
    await this.webhooks.remove(organizationId, id);
  }

  @Get(':id/secret')
  @RequireScopes(['webhooks:read'])
  @ApiOperation({ summary: "Get the webhook's current signing secret" })
  @ApiOkResponse({ type: SigningSecretResponse })
  @ApiNotFoundResponse(NOT_FOUND)
  async secret(
    @CurrentOrganization() organizationId: string,
    @Param('id') id: string,
  ): Promise<SigningSecretResponse> {
    return { key: await this.webhooks.revealSigningSecret(organizationId, id) };
  }
}
