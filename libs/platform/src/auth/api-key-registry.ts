import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { Topics, validateApiKeyRecord, type ApiKeyRecord, type Validated } from '@hookline/contracts';
import { CompactedTopicTable } from '@hookline/kafka';
import { hashApiKey } from '@hookline/security';
import { KAFKA } from '../kafka/kafka.module';
import type { ReadinessCheck } from '../health/readiness-check';
import type { ApiKeyVerifier, OrganizationPrincipal } from './principal';

/**
 * Authenticates organization keys in services that do not own them: the key table is read
 * from the compacted `hookline.api-keys.v1` topic, which carries hashes only.
 */
@Injectable()
export class ApiKeyRegistry
  extends CompactedTopicTable<ApiKeyRecord>
  implements ApiKeyVerifier, ReadinessCheck
{
  readonly name = 'api-keys';
  private readonly logger = new Logger(ApiKeyRegistry.name);
  private readonly byHash = new Map<string, ApiKeyRecord>();
  private readonly hashById = new Map<string, string>();

  constructor(@Inject(KAFKA) kafka: Kafka) {
    super(kafka, { topic: Topics.apiKeys, groupPrefix: 'hookline-api-keys' });
  }

  async verify(key: string): Promise<OrganizationPrincipal | null> {
    await this.ready;
    const record = this.byHash.get(hashApiKey(key));
    if (!record || record.revokedAt !== null) {
      return null;
    }
    return {
      kind: 'organization',
      organizationId: record.organizationId,
      keyId: record.id,
      scopes: record.scopes,
    };
  }

  protected validate(_id: string, decoded: unknown): Validated<ApiKeyRecord> {
    return validateApiKeyRecord(decoded);
  }

  protected hold(id: string, record: ApiKeyRecord | null): void {
    const previousHash = this.hashById.get(id);
    if (previousHash) {
      this.byHash.delete(previousHash);
    }
    this.hashById.delete(id);
    if (record !== null) {
      this.byHash.set(record.hash, record);
      this.hashById.set(id, record.hash);
    }
  }

  protected rejected(id: string, reason: string): void {
    // A key whose record cannot be read authenticates nothing, rather than with unknown scopes.
    this.logger.error(`api key record ${id} ignored: ${reason}`);
  }
}
