import { Injectable } from '@nestjs/common';
import { API_SCOPES, IdPrefix, newId } from '@hookline/contracts';
import { DataSource } from 'typeorm';
import { ApiKeysService, DEFAULT_API_KEY_NAME, type IssuedApiKey } from '../api-keys/api-keys.service';
import { Organization } from './organization.entity';

export interface CreatedOrganization {
  organization: Organization;
  apiKey: IssuedApiKey;
}

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly apiKeys: ApiKeysService,
  ) {}

  /** Creates the organization with a first key holding every scope, atomically. */
  async create(name: string): Promise<CreatedOrganization> {
    return this.dataSource.transaction(async (manager) => {
      const organization = manager.create(Organization, {
        id: newId(IdPrefix.organization),
        name: name.trim(),
        createdAt: new Date(),
      });
      await manager.insert(Organization, organization);
      const apiKey = await this.apiKeys.issue(manager, organization.id, {
        name: DEFAULT_API_KEY_NAME,
        scopes: [...API_SCOPES],
      });
      return { organization, apiKey };
    });
  }
}
