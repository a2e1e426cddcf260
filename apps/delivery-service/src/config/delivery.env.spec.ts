import { loadConfig } from '@hookline/platform';
import { DeliveryEnv } from './delivery.env';
import { readPackageVersion } from './package-version';

describe(DeliveryEnv.name, () => {
  const required = { KAFKA_BROKERS: '127.0.0.1:19092', SECRETS_ENCRYPTION_KEYS: 'k1:abc' };

  it('applies the documented defaults', () => {
    const config = loadConfig(DeliveryEnv, required);

    expect(config).toMatchObject({
      PORT: 3003,
      ALLOW_INSECURE_URLS: false,
      EGRESS_ALLOW_CIDRS: '',
      DELIVERY_EGRESS_PROXY_URL: '',
      DELIVERY_CONSUMER_GROUP: 'hookline-delivery',
      DELIVERY_MAX_CONCURRENCY: 256,
      DELIVERY_PARTITIONS_CONCURRENTLY: 6,
      DELIVERY_DEFAULT_TIMEOUT_SECONDS: 15,
      DELIVERY_USER_AGENT_VERSION: readPackageVersion(),
      DELIVERY_WEBHOOK_MAX_CONCURRENCY: 16,
      DELIVERY_ORG_MAX_CONCURRENCY: 128,
      DELIVERY_SLOT_WAIT_MS: 1_000,
      DELIVERY_SLOT_QUEUE_MAX_WAIT_MS: 30_000,
      DELIVERY_WEBHOOK_MAX_QUEUED: 10_000,
      DELIVERY_BREAKER_FAILURE_RATE_PERCENT: 80,
      DELIVERY_BREAKER_MIN_REQUESTS: 20,
      DELIVERY_BREAKER_WINDOW_SECONDS: 30,
      DELIVERY_BREAKER_COOLDOWN_SECONDS: 30,
      DELIVERY_BREAKER_MAX_COOLDOWN_SECONDS: 600,
      DELIVERY_RETRY_AFTER_MAX_SECONDS: 3_600,
      AUTO_DISABLE_AFTER_SECONDS: 432_000,
      DELIVERY_MAX_EVENT_BYTES: 1_048_576,
      DELIVERY_TARGET_WAIT_MS: 10_000,
      DELIVERY_BACKFILL_RATE_PER_SECOND: 50,
      DELIVERY_BACKFILL_CHECKPOINT_EVERY: 100,
      DELIVERY_MAX_IN_FLIGHT_PER_PARTITION: 1_000,
      DELIVERY_SESSION_TIMEOUT_MS: 30_000,
    });
    expect(config.DELIVERY_USER_AGENT_VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('reads overrides, booleans included', () => {
    const config = loadConfig(DeliveryEnv, {
      ...required,
      PORT: '4003',
      ALLOW_INSECURE_URLS: 'true',
      EGRESS_ALLOW_CIDRS: '127.0.0.0/8,::1/128',
      DELIVERY_MAX_CONCURRENCY: '32',
    });

    expect(config).toMatchObject({
      PORT: 4003,
      ALLOW_INSECURE_URLS: true,
      EGRESS_ALLOW_CIDRS: '127.0.0.0/8,::1/128',
      DELIVERY_MAX_CONCURRENCY: 32,
    });
    expect(loadConfig(DeliveryEnv, { ...required, ALLOW_INSECURE_URLS: 'false' }).ALLOW_INSECURE_URLS).toBe(
      false,
    );
  });

  it('fails naming the variable', () => {
    expect(() => loadConfig(DeliveryEnv, { KAFKA_BROKERS: 'x' })).toThrow('SECRETS_ENCRYPTION_KEYS');
    expect(() => loadConfig(DeliveryEnv, { ...required, EGRESS_ALLOW_CIDRS: '127.0.0.1/8' })).toThrow(
      'EGRESS_ALLOW_CIDRS: "127.0.0.1/8" has host bits set',
    );
    expect(() => loadConfig(DeliveryEnv, { ...required, ALLOW_INSECURE_URLS: 'yes' })).toThrow(
      'ALLOW_INSECURE_URLS',
    );
    const proxy = (value: string) => () =>
      loadConfig(DeliveryEnv, { ...required, DELIVERY_EGRESS_PROXY_URL: value });
    expect(proxy('https://user:hunter2@proxy.internal:3128')).toThrow(
      'DELIVERY_EGRESS_PROXY_URL=(hidden): DELIVERY_EGRESS_PROXY_URL must use http:',
    );
    expect(proxy('https://user:hunter2@proxy.internal:3128')).not.toThrow('hunter2');
    expect(proxy('http://proxy.internal:3128/path')).toThrow('must be only scheme');
    expect(proxy('http://user:pw@proxy.internal:3128')().DELIVERY_EGRESS_PROXY_URL).toBe(
      'http://user:pw@proxy.internal:3128',
    );
    expect(() => loadConfig(DeliveryEnv, { ...required, DELIVERY_MAX_CONCURRENCY: '0' })).toThrow(
      'DELIVERY_MAX_CONCURRENCY',
    );
    expect(() => loadConfig(DeliveryEnv, { ...required, AUTO_DISABLE_AFTER_SECONDS: '5' })).toThrow(
      'AUTO_DISABLE_AFTER_SECONDS',
    );
    expect(() => loadConfig(DeliveryEnv, { ...required, DELIVERY_SESSION_TIMEOUT_MS: '1000' })).toThrow(
      'DELIVERY_SESSION_TIMEOUT_MS',
    );
  });
});
