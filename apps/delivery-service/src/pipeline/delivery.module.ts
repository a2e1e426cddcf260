import { Module } from '@nestjs/common';
import { DEFAULT_MAX_PRODUCE_REQUEST_BYTES, KafkaPublisher, OutputSink } from '@hookline/kafka';
import { AttemptsModule } from '../attempts/attempts.module';
import { DeliveryEnv } from '../config/delivery.env';
import { DeliveryDefaultsModule } from '../delivery-defaults/delivery-defaults.module';
import { EndpointHealth } from '../isolation/endpoint-health';
import { FairScheduler } from '../isolation/fair-scheduler';
import { ReplicaShare } from '../isolation/replica-share';
import { WebhookLimiter } from '../isolation/webhook-limiter';
import { DeliveryMetrics } from '../metrics/delivery.metrics';
import { DeliveryService } from './delivery.service';

@Module({
  imports: [AttemptsModule, DeliveryDefaultsModule],
  providers: [
    {
      provide: OutputSink,
      inject: [KafkaPublisher],
      useFactory: (publisher: KafkaPublisher) =>
        new OutputSink(publisher, { maxBytesPerRequest: DEFAULT_MAX_PRODUCE_REQUEST_BYTES }),
    },
    {
      provide: WebhookLimiter,
      inject: [DeliveryEnv, DeliveryMetrics],
      useFactory: (config: DeliveryEnv, metrics: DeliveryMetrics) => {
        const limiter = new WebhookLimiter({
          defaultMaxConcurrency: config.DELIVERY_WEBHOOK_MAX_CONCURRENCY,
          stallMs: config.DELIVERY_SLOT_WAIT_MS,
          maxQueueWaitMs: config.DELIVERY_SLOT_QUEUE_MAX_WAIT_MS,
          maxQueued: config.DELIVERY_WEBHOOK_MAX_QUEUED,
        });
        metrics.watchSlotQueue(() => limiter.queued);
        return limiter;
      },
    },
    ReplicaShare,
    {
      // Process-wide: every partition's deliveries share these request slots, fairly between organizations.
      provide: FairScheduler,
      inject: [DeliveryEnv],
      useFactory: (config: DeliveryEnv) =>
        new FairScheduler(config.DELIVERY_MAX_CONCURRENCY, config.DELIVERY_ORG_MAX_CONCURRENCY),
    },
    {
      provide: EndpointHealth,
      inject: [DeliveryEnv, DeliveryMetrics],
      useFactory: (config: DeliveryEnv, metrics: DeliveryMetrics) => {
        const health = new EndpointHealth({
          failureRateThreshold: config.DELIVERY_BREAKER_FAILURE_RATE_PERCENT / 100,
          minimumRequests: config.DELIVERY_BREAKER_MIN_REQUESTS,
          windowMs: config.DELIVERY_BREAKER_WINDOW_SECONDS * 1_000,
          cooldownMs: config.DELIVERY_BREAKER_COOLDOWN_SECONDS * 1_000,
          maxCooldownMs:
            Math.max(config.DELIVERY_BREAKER_COOLDOWN_SECONDS, config.DELIVERY_BREAKER_MAX_COOLDOWN_SECONDS) *
            1_000,
          autoDisableAfterMs: config.AUTO_DISABLE_AFTER_SECONDS * 1_000,
        });
        metrics.watchOpenBreakers(() => health.openBreakers(Date.now()));
        return health;
      },
    },
    DeliveryService,
  ],
  exports: [DeliveryService, OutputSink],
})
export class DeliveryModule {}
