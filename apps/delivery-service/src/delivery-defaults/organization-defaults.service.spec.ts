import { Registry } from 'prom-client';
import type { Kafka } from 'kafkajs';
import type { DeliveryDefaults } from '@hookline/contracts';
import type { DeliveryEnv } from '../config/delivery.env';
import { DeliveryMetrics } from '../metrics/delivery.metrics';
import { OrganizationDefaults } from './organization-defaults.service';

describe(OrganizationDefaults.name, () => {
  const kafka = { consumer: jest.fn(), admin: jest.fn() } as unknown as Kafka;
  const config = { DELIVERY_CONSUMER_GROUP: 'delivery' } as DeliveryEnv;
  const defaults: DeliveryDefaults = {
    organizationId: 'org_1',
    eventType: 'job.created',
    retryPolicy: { preset: 'none' },
    ttlSeconds: null,
    version: 1,
    updatedAt: '2026-11-22T10:00:00.000Z',
  };
  const json = (value: unknown) => Buffer.from(JSON.stringify(value));
  let metrics: DeliveryMetrics;
  let table: OrganizationDefaults;

  beforeEach(() => {
    metrics = new DeliveryMetrics(new Registry());
    table = new OrganizationDefaults(kafka, config, metrics);
  });

  it("holds an organization's defaults per type until a tombstone removes them", () => {
    table.applyRecord('org_1:job.created', json(defaults));

    expect(table.of('org_1', 'job.created')).toEqual(defaults);
    expect(table.of('org_2', 'job.created')).toBeUndefined();
    expect(table.of('org_1', 'job.updated')).toBeUndefined();

    table.applyRecord('org_1:job.created', null);
    expect(table.of('org_1', 'job.created')).toBeUndefined();
  });

  it("drops the held value on an invalid one, so the catalog's defaults apply, and counts it", async () => {
    table.applyRecord('org_1:job.created', json(defaults));
    jest
      .spyOn(Reflect.get(table, 'logger') as { error: () => void }, 'error')
      .mockImplementation(() => undefined);

    table.applyRecord('org_1:job.created', json({ ...defaults, ttlSeconds: -1 }));
    table.applyRecord('org_1:job.updated', json(defaults));
    table.applyRecord('org_1:job.assigned', Buffer.from('not json'));

    expect(table.of('org_1', 'job.created')).toBeUndefined();
    expect(table.of('org_1', 'job.updated')).toBeUndefined();
    expect((await metrics.rejectedDeliveryDefaults.get()).values[0].value).toBe(3);
  });
});
