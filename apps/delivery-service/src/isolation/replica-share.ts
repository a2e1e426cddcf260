import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { Gauge, Registry } from 'prom-client';
import { KAFKA } from '@hookline/platform';
import { DeliveryEnv } from '../config/delivery.env';
import { WebhookLimiter } from './webhook-limiter';

/** How often the group's membership is read; also how long a change of replicas takes to apply. */
export const REPLICA_SHARE_INTERVAL_MS = 5_000;

/**
 * Keeps the WebhookLimiter's replica count equal to the members of the domain consumer group, so that
 * a webhook's `maxConcurrency` and `rateLimitPerSecond` hold for the webhook as a whole, split evenly
 * over the replicas (a webhook's events spread over every domain partition by subject, so over every
 * replica). Read from the group coordinator every few seconds; a group in the middle of a rebalance
 * keeps the last count. See docs/delivery.md, Replicas.
 */
@Injectable()
export class ReplicaShare implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReplicaShare.name);
  private admin: Admin | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly config: DeliveryEnv,
    private readonly limiter: WebhookLimiter,
    registry: Registry,
  ) {
    const limiterRef = limiter;
    new Gauge({
      name: 'hookline_delivery_limit_replicas',
      help: "Replicas each webhook's concurrency cap and rate limit are split over (members of the delivery group)",
      registers: [registry],
      collect() {
        this.set(limiterRef.replicaCount);
      },
    });
  }

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) {
      clearTimeout(this.timer);
    }
    await this.admin?.disconnect().catch(() => undefined);
  }

  /** Reads the group once and applies its member count; exposed for tests. */
  async refresh(): Promise<number | null> {
    this.admin ??= this.kafka.admin();
    await this.admin.connect();
    const { groups } = await this.admin.describeGroups([this.config.DELIVERY_CONSUMER_GROUP]);
    const group = groups[0];
    if (group?.state !== 'Stable' || group.members.length === 0) {
      return null;
    }
    const replicas = group.members.length;
    if (replicas !== this.limiter.replicaCount) {
      this.logger.log(`${replicas} replicas in ${group.groupId}: webhook limits are split ${replicas} ways`);
      this.limiter.setReplicas(replicas);
    }
    return replicas;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) {
      return;
    }
    this.timer = setTimeout(() => {
      void this.refresh()
        .catch((error: unknown) =>
          this.logger.warn(`Reading the members of the delivery group failed: ${(error as Error).message}`),
        )
        .finally(() => this.schedule(REPLICA_SHARE_INTERVAL_MS));
    }, delayMs);
    this.timer.unref();
  }
}
