import { Body, Controller, Delete, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AdminOnly } from '@hookline/platform';
import { ApiErrorResponse } from '../common/api-error.response';
import { ApiKeysService } from './api-keys.service';
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
  @ApiBadRequestResponse({ type: ApiErrorResponse })
  @ApiNotFoundResponse({ type: ApiErrorResponse, description: 'No such organization' })
  async create(
    @Param('organizationId') organizationId: string,
    @Body() body: CreateApiKeyDto,
  ): Promise<IssuedApiKeyResponse> {
    return toIssuedApiKeyResponse(await this.apiKeys.create(organizationId, body));
  }

  @Delete(':keyId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revoke an API key (admin); every service refuses it from then on' })
  @ApiNoContentResponse({ description: 'Revoked (or already revoked)' })
  @ApiNotFoundResponse({ type: ApiErrorResponse, description: 'No such key in this organization' })
  async revoke(
    @Param('organizationId') organizationId: string,
    @Param('keyId') keyId: string,
  ): Promise<void> {
    await this.apiKeys.revoke(organizationId, keyId);
  }
}
