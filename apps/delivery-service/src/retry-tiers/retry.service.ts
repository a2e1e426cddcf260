import { Injectable } from '@nestjs/common';
import { OutputSink } from '@hookline/kafka';
import { DeliveryService } from '../pipeline/delivery.service';
import { DeliveryMetrics } from '../metrics/delivery.metrics';
import { RoutingService } from '../routing/routing.service';
import { chooseTier } from '../retry-policy/choose-tier';
import { tierBatchOf, type RetryTask } from '../pipeline/retry-task';

/** A task this close to its due time waits in memory instead of hopping through another tier. */
const IN_MEMORY_WAIT_MS = 250;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What happens to a task once its tier has held it long enough: hop to a shorter tier, or attempt. */
@Injectable()
export class RetryService {
  constructor(
    private readonly routing: RoutingService,
    private readonly deliveries: DeliveryService,
    private readonly sink: OutputSink,
    private readonly metrics: DeliveryMetrics,
  ) {}

  async handleReleased(task: RetryTask): Promise<void> {
    const dueAtMs = Date.parse(task.dueAt);
    const remainingMs = dueAtMs - Date.now();
    if (remainingMs > IN_MEMORY_WAIT_MS) {
      const tier = chooseTier(remainingMs);
      this.metrics.tierHops.inc({ tier: tier.name });
      await this.sink.publish([tierBatchOf(task, tier.name)]);
      return;
    }
    if (remainingMs > 0) {
      await sleep(remainingMs);
    }
    this.metrics.retryLateness.observe(Math.max(0, Date.now() - dueAtMs) / 1_000);
    const admitted = this.deliveries.admit(
      task,
      this.routing.webhook(task.webhookId),
      'its remaining retries',
    );
    if (admitted.kind === 'finished') {
      if (admitted.outputs.length > 0) {
        await this.sink.publish(admitted.outputs);
      }
      return;
    }
    await this.deliveries.deliver(admitted.job);
  }
}
