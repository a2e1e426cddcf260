import { Injectable } from '@nestjs/common';
import { API_SCOPES, IdPrefix, newId, type ApiScope } from '@hookline/contracts';
import { generateApiKey } from '@hookline/security';
import { DataSource, type EntityManager } from 'typeorm';
import { Organization } from '../organizations/organization.entity';
import { OutboxRepository } from '../outbox/outbox.repository';
import { ApiKey } from './api-key.entity';
import { apiKeyRecordEntry } from './api-key-record.entry';
import { ApiKeyException } from './api-keys.exception';

export interface ApiKeyInput {
  name?: string;
  scopes?: ApiScope[];
}

/** A freshly issued key: the stored row and the full key, which is shown once and never stored. */
export interface IssuedApiKey {
  apiKey: ApiKey;
  key: string;
}

export const DEFAULT_API_KEY_NAME = 'default';

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
  ) {}

  /** Issues a key for an existing organization; 404 when it does not exist. */
  async create(organizationId: string, input: ApiKeyInput): Promise<IssuedApiKey> {
    return this.dataSource.transaction(async (manager) => {
      const exists = await manager.existsBy(Organization, { id: organizationId });
      if (!exists) {
        throw ApiKeyException.organizationNotFound(organizationId);
      }
      return this.issue(manager, organizationId, input);
    });
  }

  /** Issues a key inside the caller's transaction and announces it on `hookline.api-keys.v1`. */
  async issue(manager: EntityManager, organizationId: string, input: ApiKeyInput): Promise<IssuedApiKey> {
    const generated = generateApiKey();
    const apiKey = manager.create(ApiKey, {
      id: newId(IdPrefix.apiKey),
      organizationId,
      name: input.name ?? DEFAULT_API_KEY_NAME,
      prefix: generated.prefix,
      hash: generated.hash,
      scopes: uniqueScopes(input.scopes ?? [...API_SCOPES]),
      createdAt: new Date(),
      lastUsedAt: null,
      revokedAt: null,
    });
    await manager.insert(ApiKey, apiKey);
    await this.outbox.append(manager, [apiKeyRecordEntry(apiKey)]);
    return { apiKey, key: generated.key };
  }

  /** The organization's keys, newest first; 404 when it does not exist. */
  async list(organizationId: string): Promise<ApiKey[]> {
    const exists = await this.dataSource.manager.existsBy(Organization, { id: organizationId });
    if (!exists) {
      throw ApiKeyException.organizationNotFound(organizationId);
    }
    return this.dataSource.manager.find(ApiKey, {
      where: { organizationId },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
  }

  /** Revokes a key of the organization; revoking twice is a no-op. */
  async revoke(organizationId: string, keyId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const apiKey = await manager.findOne(ApiKey, {
        where: { id: keyId, organizationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!apiKey) {
        throw ApiKeyException.apiKeyNotFound(keyId);
      }
      if (apiKey.revokedAt !== null) {
        return;
      }
      apiKey.revokedAt = new Date();
      await manager.update(ApiKey, { id: apiKey.id }, { revokedAt: apiKey.revokedAt });
      await this.outbox.append(manager, [apiKeyRecordEntry(apiKey)]);
    });
  }
}

/** Scopes in catalog order without repeats, so equal sets always look the same. */
export function uniqueScopes(scopes: readonly ApiScope[]): ApiScope[] {
  return API_SCOPES.filter((scope) => scopes.includes(scope));
}
