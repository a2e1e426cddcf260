import { ApiProperty } from '@nestjs/swagger';
import { API_SCOPES, type ApiScope } from '@hookline/contracts';
import { IdProperty } from '../../common/id-property.decorator';
import type { ApiKey } from '../api-key.entity';

/** A key as lists show it: never the key itself, which is stored only as a hash. */
export class ApiKeyResponse {
  @IdProperty('key') id!: string;

  @ApiProperty({ example: 'ci-deploy' }) name!: string;

  @ApiProperty({ example: 'hk_3fQ9vL0', description: 'The start of the key, to tell keys apart.' })
  prefix!: string;

  @ApiProperty({ enum: API_SCOPES, isArray: true, example: ['webhooks:read'] }) scopes!: ApiScope[];

  @ApiProperty({ format: 'date-time', example: '2026-11-22T10:00:00.000Z' }) createdAt!: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-11-23T08:00:00.000Z',
    description: 'To the minute; null when never used.',
  })
  lastUsedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  revokedAt!: string | null;
}

export class ApiKeyListResponse {
  @ApiProperty({ type: [ApiKeyResponse], description: 'Newest first, revoked keys included.' })
  items!: ApiKeyResponse[];
}

export function toApiKeyResponse(apiKey: ApiKey): ApiKeyResponse {
  return {
    id: apiKey.id,
    name: apiKey.name,
    prefix: apiKey.prefix,
    scopes: apiKey.scopes,
    createdAt: apiKey.createdAt.toISOString(),
    lastUsedAt: apiKey.lastUsedAt?.toISOString() ?? null,
    revokedAt: apiKey.revokedAt?.toISOString() ?? null,
  };
}
