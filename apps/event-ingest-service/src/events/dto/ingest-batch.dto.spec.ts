import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { loadConfig } from '@hookline/platform';
import { IngestEnv } from '../../config/ingest.env';
import { MAX_BATCH_SIZE } from './ingest-batch.dto';

const OPENAPI = path.resolve(__dirname, '../../../../../docs/openapi/event-ingest-service.json');

function maxOf(envClass: new () => object, property: string): number | undefined {
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(envClass, '', true, false)
    .find((candidate) => candidate.propertyName === property && candidate.name === 'max');
  return metadata?.constraints?.[0] as number | undefined;
}

describe('the batch limit', () => {
  it('is one number in the code, the configuration and the committed OpenAPI document', () => {
    const config = loadConfig(IngestEnv, { KAFKA_BROKERS: 'k:9092', DATABASE_URL: 'postgres://x' });
    const document = JSON.parse(readFileSync(OPENAPI, 'utf8')) as {
      components: { schemas: { IngestBatchDto: { properties: { events: { maxItems: number } } } } };
    };

    expect(config.INGEST_MAX_BATCH_SIZE).toBe(MAX_BATCH_SIZE);
    // The variable may lower the limit, never raise it past what the document promises.
    expect(maxOf(IngestEnv, 'INGEST_MAX_BATCH_SIZE')).toBe(MAX_BATCH_SIZE);
    expect(document.components.schemas.IngestBatchDto.properties.events.maxItems).toBe(MAX_BATCH_SIZE);
  });
});
