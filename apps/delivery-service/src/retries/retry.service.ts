import { Injectable, Logger } from '@nestjs/common';
import { OutputSink } from '@hookline/kafka';
import { jobFromTask } from '../delivery/delivery-job';
import { DeliveryService } from '../delivery/delivery.service';
import { DeliveryMetrics } from '../metrics/delivery.metrics';
import { RoutingService } from '../routing/routing.service';
import { chooseTier, topicOfTier } from './choose-tier';
import { retryTaskMessage, type RetryTask } from './retry-task';

/** A task this close to its due time waits in memory instead of hopping through another tier. */
const IN_MEMORY_WAIT_MS = 250;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What happens to a task once its tier has held it long enough: hop to a shorter tier, or attempt. */
@Injectable()
export class RetryService {
  private readonly logger = new Logger(RetryService.name);

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
      await this.sink.publish([{ topic: topicOfTier(tier.name), messages: [retryTaskMessage(task)] }]);
      return;
    }
    if (remainingMs > 0) {
      await sleep(remainingMs);
    }
    this.metrics.retryLateness.observe(Math.max(0, Date.now() - dueAtMs) / 1_000);
    const webhook = this.routing.webhook(task.webhookId);
    if (webhook === null) {
      this.metrics.dropped.inc({ reason: 'webhook_unknown' });
      this.logger.warn(
        `Dropped attempt ${task.attempt} of delivery ${task.deliveryId}: webhook ${task.webhookId} no longer exists`,
      );
      return;
    }
    const job = jobFromTask(task, webhook);
    // Targeted events (activation tests) ignore the active flag, as their first attempt did.
    if (!webhook.active && !task.event.target) {
      await this.sink.publish(
        this.deliveries.cancellation(job, 'the webhook is disabled; its remaining retries are cancelled'),
      );
      return;
    }
    await this.deliveries.deliver(job);
  }
}
