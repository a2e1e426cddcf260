import { ApiProperty } from '@nestjs/swagger';
import { API_SCOPES, type ApiScope } from '@hookline/contracts';
import { IdProperty } from '../../common/id-property.decorator';
import type { IssuedApiKey } from '../api-keys.service';

/** A new key; `key` is shown in this response only and cannot be retrieved again. */
export class IssuedApiKeyResponse {
  @IdProperty('key') id!: string;

  @ApiProperty({ example: 'default' }) name!: string;

  @ApiProperty({
    example: 'hk_3fQ9vL0p2XbZk8TnR1sUe7YcWm4HdJg6AoNiPq5',
    description: 'Store it now: it is not shown again.',
  })
  key!: string;

  @ApiProperty({ example: 'hk_3fQ9vL0', description: 'The start of the key, to tell keys apart.' })
  prefix!: string;

  @ApiProperty({ enum: API_SCOPES, isArray: true }) scopes!: ApiScope[];

  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export function toIssuedApiKeyResponse({ apiKey, key }: IssuedApiKey): IssuedApiKeyResponse {
  return {
    id: apiKey.id,
    name: apiKey.name,
    key,
    prefix: apiKey.prefix,
    scopes: apiKey.scopes,
    createdAt: apiKey.createdAt.toISOString(),
  };
}
