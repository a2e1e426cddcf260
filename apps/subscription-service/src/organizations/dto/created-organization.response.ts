import { ApiProperty } from '@nestjs/swagger';
import { IssuedApiKeyResponse, toIssuedApiKeyResponse } from '../../api-keys/dto/issued-api-key.response';
import { IdProperty } from '../../common/id-property.decorator';
import type { CreatedOrganization } from '../organizations.service';

export class CreatedOrganizationResponse {
  @IdProperty('org') id!: string;

  @ApiProperty({ example: 'Summit Roofing' }) name!: string;

  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  @ApiProperty({ type: IssuedApiKeyResponse, description: 'The first key, with every scope; shown once.' })
  apiKey!: IssuedApiKeyResponse;
}

export function toCreatedOrganizationResponse({
  organization,
  apiKey,
}: CreatedOrganization): CreatedOrganizationResponse {
  return {
    id: organization.id,
    name: organization.name,
    createdAt: organization.createdAt.toISOString(),
    apiKey: toIssuedApiKeyResponse(apiKey),
  };
}
