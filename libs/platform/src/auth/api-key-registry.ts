import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { Topics, validateApiKeyRecord, type ApiKeyRecord } from '@hookline/contracts';
import { CompactedTopicReader, decodeValidated } from '@hookline/kafka';
import { hashApiKey } from '@hookline/security';
import { KAFKA } from '../kafka/kafka.module';
import type { ReadinessCheck } from '../health/readiness-check';
import { ApiKeyVerifier, type OrganizationPrincipal } from './principal';

/**
 * Authenticates organization keys in services that do not own them: the key table is read
 * from the compacted `hookline.api-keys.v1` topic, which carries hashes only.
 */
@Injectable()
export class ApiKeyRegistry
  extends ApiKeyVerifier
  implements OnModuleInit, OnApplicationShutdown, ReadinessCheck
{
  readonly name = 'api-keys';
  private readonly logger = new Logger(ApiKeyRegistry.name);
  private readonly byHash = new Map<string, ApiKeyRecord>();
  private readonly hashById = new Map<string, string>();
  private readonly reader: CompactedTopicReader;

  constructor(@Inject(KAFKA) kafka: Kafka) {
    super();
    this.reader = new CompactedTopicReader(kafka, {
      topic: Topics.apiKeys,
      groupPrefix: 'hookline-api-keys',
      onRecord: (id, value) => this.apply(id, value),
    });
  }

  async onModuleInit(): Promise<void> {
    await this.reader.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reader.stop();
  }

  async check(): Promise<void> {
    if (!this.reader.caughtUp) {
      throw new Error('API key table is still loading');
    }
  }

  async verify(key: string): Promise<OrganizationPrincipal | null> {
    await this.reader.ready;
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

  private apply(id: string, value: Buffer | null): void {
    const previousHash = this.hashById.get(id);
    if (previousHash) {
      this.byHash.delete(previousHash);
    }
    this.hashById.delete(id);
    if (value === null) {
      return;
    }
    const parsed = decodeValidated(value, validateApiKeyRecord);
    if (!parsed.ok) {
      // A key whose record cannot be read authenticates nothing, rather than with unknown scopes.
      this.logger.error(`api key record ${id} ignored: ${parsed.reason}`);
      return;
    }
    const record = parsed.value;
    this.byHash.set(record.hash, record);
    this.hashById.set(id, record.hash);
  }
}
