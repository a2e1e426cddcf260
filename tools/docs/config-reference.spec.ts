import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { AuditEnv } from '../../apps/audit-projection-service/src/config/audit.env';
import { DeliveryEnv } from '../../apps/delivery-service/src/config/delivery.env';
import { IngestEnv } from '../../apps/event-ingest-service/src/config/ingest.env';
import { SubscriptionEnv } from '../../apps/subscription-service/src/config/subscription.env';

const ROOT = path.resolve(__dirname, '../..');
const reference = readFileSync(path.join(ROOT, 'docs/configuration.md'), 'utf8');
const example = readFileSync(path.join(ROOT, '.env.example'), 'utf8');

function variablesOf(envClass: new () => object): string[] {
  const names = getMetadataStorage()
    .getTargetValidationMetadatas(envClass, '', true, false)
    .map((metadata) => metadata.propertyName);
  return [...new Set(names)].sort();
}

describe('the configuration reference', () => {
  const services = { AuditEnv, DeliveryEnv, IngestEnv, SubscriptionEnv };

  it.each(Object.entries(services))('documents every variable %s validates', (_, envClass) => {
    const missing = variablesOf(envClass).filter((name) => !reference.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });

  it.each(Object.entries(services))('lists every variable of %s in .env.example', (_, envClass) => {
    const missing = variablesOf(envClass).filter((name) => !new RegExp(`^#?\\s*${name}=`, 'm').test(example));
    expect(missing).toEqual([]);
  });
});
