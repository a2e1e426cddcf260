import { KafkaHeaders, Topics, type ApiKeyRecord } from '@hookline/contracts';
import type { OutboxEntry } from '../outbox/outbox.repository';
import type { ApiKey } from './api-key.entity';

export function toApiKeyRecord(apiKey: ApiKey): ApiKeyRecord {
  return {
    id: apiKey.id,
    organizationId: apiKey.organizationId,
    hash: apiKey.hash,
    scopes: apiKey.scopes,
    revokedAt: apiKey.revokedAt?.toISOString() ?? null,
  };
}

/** The `hookline.api-keys.v1` message announcing a key's current state (hash only). */
export function apiKeyRecordEntry(apiKey: ApiKey): OutboxEntry {
  return {
    topic: Topics.apiKeys,
    key: apiKey.id,
    payload: toApiKeyRecord(apiKey),
    headers: { [KafkaHeaders.schema]: 'api-key-record.v1' },
  };
}
