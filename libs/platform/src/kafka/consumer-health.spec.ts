import type { FailureStreak } from '@hookline/kafka';
import { Registry } from 'prom-client';
import { consumerReadiness, trackConsumerFailures, type FailureStreakSource } from './consumer-health';

class Source implements FailureStreakSource {
  failureStreak: FailureStreak | null = null;
}

const failingFor = (ms: number): FailureStreak => ({
  since: Date.now() - ms,
  failures: 7,
  lastError: 'unsupported Unicode escape sequence',
});

describe(consumerReadiness.name, () => {
  it('is ready while the consumer advances, and through a short run of failures', async () => {
    const source = new Source();
    const readiness = consumerReadiness('attempts-consumer', source, 30_000);
    await expect(readiness.check()).resolves.toBeUndefined();
    source.failureStreak = failingFor(5_000);
    await expect(readiness.check()).resolves.toBeUndefined();
  });

  it('is not ready once the consumer has failed for the stall time, and says why', async () => {
    const source = new Source();
    source.failureStreak = failingFor(31_000);
    await expect(consumerReadiness('attempts-consumer', source, 30_000).check()).rejects.toThrow(
      'not advancing for 31 s (7 failures): unsupported Unicode escape sequence',
    );
  });
});

describe(trackConsumerFailures.name, () => {
  it('exports how long each consumer of a service has been failing', async () => {
    const registry = new Registry();
    const failing = new Source();
    failing.failureStreak = failingFor(12_000);
    trackConsumerFailures(registry, 'a', failing);
    trackConsumerFailures(registry, 'b', new Source());

    const [gauge] = (await registry.getMetricsAsJSON()).filter(
      (metric) => metric.name === 'hookline_consumer_failing_seconds',
    );
    const seconds = Object.fromEntries(gauge.values.map((value) => [value.labels.consumer, value.value]));
    expect(seconds.b).toBe(0);
    expect(seconds.a).toBeGreaterThanOrEqual(12);
    expect(seconds.a).toBeLessThan(20);
  });
});
