import { Injectable } from '@nestjs/common';
import { ApiKeyVerifier, type OrganizationPrincipal } from '@hookline/platform';
import { hashApiKey, looksLikeApiKey } from '@hookline/security';
import { DataSource, IsNull } from 'typeorm';
import { ApiKey } from './api-key.entity';
import { ApiKeyUsageService } from './api-key-usage.service';

/** Authenticates organization keys against this service's own table (other services read the topic). */
@Injectable()
export class DatabaseApiKeyVerifier extends ApiKeyVerifier {
  constructor(
    private readonly dataSource: DataSource,
    private readonly usage: ApiKeyUsageService,
  ) {
    super();
  }

  async verify(key: string): Promise<OrganizationPrincipal | null> {
    if (!looksLikeApiKey(key)) {
      return null;
    }
    const apiKey = await this.dataSource.getRepository(ApiKey).findOne({
      select: { id: true, organizationId: true, scopes: true },
      where: { hash: hashApiKey(key), revokedAt: IsNull() },
    });
    if (!apiKey) {
      return null;
    }
    this.usage.noteUse(apiKey.id);
    return {
      kind: 'organization',
      organizationId: apiKey.organizationId,
      keyId: apiKey.id,
      scopes: apiKey.scopes,
    };
  }
}
