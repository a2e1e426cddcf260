import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AdminOnly } from '@hookline/platform';
import { ApiErrors } from '../common/api-errors.decorator';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyListResponse, toApiKeyResponse } from './dto/api-key.response';
import { CreateApiKeyDto } from './dto/create-api-key.dto';
import { IssuedApiKeyResponse, toIssuedApiKeyResponse } from './dto/issued-api-key.response';

@ApiTags('organizations')
@AdminOnly()
@Controller('v1/organizations/:organizationId/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @ApiOperation({ summary: 'Issue an API key for an organization (admin)' })
  @ApiCreatedResponse({ type: IssuedApiKeyResponse })
  @ApiErrors({ scoped: false, badRequest: 'name or scopes are invalid', notFound: 'No such organization' })
  async create(
    @Param('organizationId') organizationId: string,
    @Body() body: CreateApiKeyDto,
  ): Promise<IssuedApiKeyResponse> {
    return toIssuedApiKeyResponse(await this.apiKeys.create(organizationId, body));
  }

  @Get()
  @ApiOperation({ summary: "List an organization's API keys without the keys themselves (admin)" })
  @ApiOkResponse({ type: ApiKeyListResponse })
  @ApiErrors({ scoped: false, notFound: 'No such organization' })
  async list(@Param('organizationId') organizationId: string): Promise<ApiKeyListResponse> {
    return { items: (await this.apiKeys.list(organizationId)).map(toApiKeyResponse) };
  }

  @Delete(':keyId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revoke an API key (admin); every service refuses it from then on' })
  @ApiNoContentResponse({ description: 'Revoked (or already revoked)' })
  @ApiErrors({ scoped: false, notFound: 'No such key in this organization' })
  async revoke(
    @Param('organizationId') organizationId: string,
    @Param('keyId') keyId: string,
  ): Promise<void> {
    await this.apiKeys.revoke(organizationId, keyId);
  }
}
